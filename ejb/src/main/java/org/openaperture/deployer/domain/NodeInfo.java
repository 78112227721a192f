package org.openaperture.deployer.domain;

/**
 * Facts about one machine for {@code node_info}: container storage use in percent (the original's
 * {@code docker_disk_space_percent}, 0 when unknown), the OS and the container runtime versions as text.
 */
public record NodeInfo(int containerStoragePercent, String osVersion, String runtimeVersion) {}
