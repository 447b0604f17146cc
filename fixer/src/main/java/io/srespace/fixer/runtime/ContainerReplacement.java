package io.srespace.fixer.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.Mount;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates a container like an existing one but for some environment variables, the way Compose
 * recreates a service: same image, labels, command, ports, volumes, networks and restart policy.
 */
final class ContainerReplacement {

  private static final Set<String> NETWORKS_WITHOUT_ALIASES =
      Set.of("bridge", "default", "host", "none");

  private ContainerReplacement() {}

  /** Creates the replacement (not started) under the given name and returns its id. */
  static String create(
      DockerClient docker,
      InspectContainerResponse old,
      Map<String, String> environment,
      String name) {
    ContainerConfig config = old.getConfig();
    HostConfig hostConfig = withAnonymousVolumes(old.getHostConfig(), old.getMounts());
    String primaryNetwork = primaryNetwork(hostConfig);
    CreateContainerCmd create =
        docker
            .createContainerCmd(image(docker, old))
            .withName(name)
            .withLabels(config.getLabels())
            .withEnv(mergedEnvironment(config.getEnv(), environment))
            .withHostConfig(hostConfig)
            .withTty(config.getTty())
            .withStdinOpen(config.getStdinOpen());
    if (config.getCmd() != null) {
      create.withCmd(config.getCmd());
    }
    if (config.getEntrypoint() != null) {
      create.withEntrypoint(config.getEntrypoint());
    }
    if (config.getExposedPorts() != null) {
      create.withExposedPorts(config.getExposedPorts());
    }
    if (config.getWorkingDir() != null && !config.getWorkingDir().isEmpty()) {
      create.withWorkingDir(config.getWorkingDir());
    }
    if (config.getUser() != null && !config.getUser().isEmpty()) {
      create.withUser(config.getUser());
    }
    if (config.getHealthcheck() != null) {
      create.withHealthcheck(config.getHealthcheck());
    }
    List<String> primaryAliases = aliases(old, primaryNetwork);
    if (!primaryAliases.isEmpty()) {
      create.withAliases(primaryAliases);
    }
    String id = create.exec().getId();
    try {
      connectOtherNetworks(docker, old, primaryNetwork, id);
    } catch (RuntimeException e) {
      docker.removeContainerCmd(id).withForce(true).exec();
      throw e;
    }
    return id;
  }

  /** The container's environment with these variables set and every other one kept, in order. */
  static List<String> mergedEnvironment(String[] current, Map<String, String> changes) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (String entry : current == null ? new String[0] : current) {
      int equals = entry.indexOf('=');
      merged.put(equals < 0 ? entry : entry.substring(0, equals), entry);
    }
    changes.forEach((key, value) -> merged.put(key, key + "=" + value));
    return List.copyOf(merged.values());
  }

  /**
   * The old container's image by name when the name still points at it, by id otherwise: a new
   * image under the same tag must not slip in with a configuration change.
   */
  private static String image(DockerClient docker, InspectContainerResponse old) {
    String name = old.getConfig().getImage();
    try {
      InspectImageResponse image = docker.inspectImageCmd(name).exec();
      return Objects.equals(image.getId(), old.getImageId()) ? name : old.getImageId();
    } catch (NotFoundException e) {
      return old.getImageId();
    }
  }

  /** Anonymous volumes are bound by name so the replacement keeps their data, as Compose does. */
  private static HostConfig withAnonymousVolumes(HostConfig hostConfig, List<Mount> mounts) {
    if (mounts == null) {
      return hostConfig;
    }
    List<Bind> binds =
        new ArrayList<>(
            hostConfig.getBinds() == null ? List.of() : Arrays.asList(hostConfig.getBinds()));
    Set<String> bound =
        Stream.concat(
                binds.stream().map(bind -> bind.getVolume().getPath()),
                hostConfig.getMounts() == null
                    ? Stream.empty()
                    : hostConfig.getMounts().stream().map(mount -> mount.getTarget()))
            .collect(Collectors.toSet());
    for (Mount mount : mounts) {
      String target = mount.getDestination() == null ? null : mount.getDestination().getPath();
      if (mount.getName() != null && target != null && !bound.contains(target)) {
        binds.add(new Bind(mount.getName(), new Volume(target)));
      }
    }
    return hostConfig.withBinds(binds);
  }

  private static String primaryNetwork(HostConfig hostConfig) {
    String mode = hostConfig.getNetworkMode();
    return mode == null || mode.isEmpty() || "default".equals(mode) ? "bridge" : mode;
  }

  private static void connectOtherNetworks(
      DockerClient docker, InspectContainerResponse old, String primaryNetwork, String id) {
    Map<String, ContainerNetwork> networks = old.getNetworkSettings().getNetworks();
    if (networks == null || primaryNetwork.startsWith("container:")) {
      return;
    }
    for (String network : networks.keySet()) {
      if (!network.equals(primaryNetwork)) {
        docker
            .connectToNetworkCmd()
            .withNetworkId(network)
            .withContainerId(id)
            .withContainerNetwork(new ContainerNetwork().withAliases(aliases(old, network)))
            .exec();
      }
    }
  }

  /** The old container's aliases on a network, less the engine's own alias, its short id. */
  private static List<String> aliases(InspectContainerResponse old, String network) {
    Map<String, ContainerNetwork> networks = old.getNetworkSettings().getNetworks();
    ContainerNetwork endpoint = networks == null ? null : networks.get(network);
    if (endpoint == null
        || endpoint.getAliases() == null
        || NETWORKS_WITHOUT_ALIASES.contains(network)) {
      return List.of();
    }
    return endpoint.getAliases().stream().filter(alias -> !old.getId().startsWith(alias)).toList();
  }
}
