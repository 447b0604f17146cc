package io.srespace.brain.core.nezha;

/** Kubernetes pod names to service names (the pod name without its two hash suffixes). */
final class PodNames {

  private PodNames() {}

  static String service(String pod) {
    int last = pod.lastIndexOf('-');
    if (last <= 0) {
      return pod;
    }
    int before = pod.lastIndexOf('-', last - 1);
    return before <= 0 ? pod.substring(0, last) : pod.substring(0, before);
  }
}
