package io.srespace.brain.core.nezha;

/** One entry of a day's fault list: the ground truth, used only to score. */
record LabelledFault(
    String day, String pod, String service, String type, long alertSeconds, String note) {}
