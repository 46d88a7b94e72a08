package dev.jkvm.loader;

/** A PT_LOAD segment: where it goes in guest physical memory and where its bytes are in the file. */
public record ElfSegment(long physicalAddress, long fileOffset, long fileSize, long memorySize) {
    public long physicalEnd() {
        return physicalAddress + memorySize;
    }
}
