package dev.jkvm.devices.virtio;

/**
 * One request the driver made available: the head descriptor's index, which the device hands back
 * in the used ring, and the chain's device-readable bytes followed by its device-writable bytes.
 */
public record DescriptorChain(int head, GuestBuffers readable, GuestBuffers writable) {}
