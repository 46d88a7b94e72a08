package dev.jkvm.devices.bus;

public enum Direction {
    READ,
    WRITE
}
