package dev.jkvm.devices.ide;

/** ATA register bits and command codes (ATA/ATAPI-7, ATA8-ACS) that the IDE model uses. */
final class Ata {
    private Ata() {}

    // Task file register offsets from the command block base (0x1f0 / 0x170).
    static final int DATA = 0, ERROR_FEATURES = 1, SECTOR_COUNT = 2, LBA_LOW = 3, LBA_MID = 4, LBA_HIGH = 5,
            DEVICE = 6, STATUS_COMMAND = 7;

    static final int STATUS_ERR = 0x01, STATUS_DRQ = 0x08, STATUS_DSC = 0x10, STATUS_DRDY = 0x40, STATUS_BSY = 0x80;
    static final int STATUS_READY = STATUS_DRDY | STATUS_DSC;

    static final int ERROR_ABRT = 0x04, ERROR_IDNF = 0x10, ERROR_UNC = 0x40;
    /** The error register after reset or diagnostics: device 0 passed, device 1 passed or absent. */
    static final int DIAGNOSTIC_PASSED = 0x01;

    static final int DEVICE_DEV = 0x10, DEVICE_LBA = 0x40;

    static final int CONTROL_NIEN = 0x02, CONTROL_SRST = 0x04, CONTROL_HOB = 0x80;

    static final int CMD_DEVICE_RESET = 0x08;
    static final int CMD_READ_SECTORS = 0x20, CMD_READ_SECTORS_NO_RETRY = 0x21, CMD_READ_SECTORS_EXT = 0x24,
            CMD_READ_DMA_EXT = 0x25, CMD_READ_MULTIPLE_EXT = 0x29;
    static final int CMD_WRITE_SECTORS = 0x30, CMD_WRITE_SECTORS_NO_RETRY = 0x31, CMD_WRITE_SECTORS_EXT = 0x34,
            CMD_WRITE_DMA_EXT = 0x35, CMD_WRITE_MULTIPLE_EXT = 0x39;
    static final int CMD_READ_VERIFY = 0x40, CMD_READ_VERIFY_NO_RETRY = 0x41, CMD_READ_VERIFY_EXT = 0x42;
    static final int CMD_EXECUTE_DEVICE_DIAGNOSTIC = 0x90, CMD_INITIALIZE_DEVICE_PARAMETERS = 0x91;
    static final int CMD_IDENTIFY_PACKET_DEVICE = 0xa1;
    static final int CMD_READ_MULTIPLE = 0xc4, CMD_WRITE_MULTIPLE = 0xc5, CMD_SET_MULTIPLE_MODE = 0xc6;
    static final int CMD_READ_DMA = 0xc8, CMD_READ_DMA_NO_RETRY = 0xc9, CMD_WRITE_DMA = 0xca, CMD_WRITE_DMA_NO_RETRY = 0xcb;
    static final int CMD_STANDBY_IMMEDIATE = 0xe0, CMD_IDLE_IMMEDIATE = 0xe1, CMD_STANDBY = 0xe2, CMD_IDLE = 0xe3,
            CMD_CHECK_POWER_MODE = 0xe5, CMD_SLEEP = 0xe6;
    static final int CMD_FLUSH_CACHE = 0xe7, CMD_FLUSH_CACHE_EXT = 0xea, CMD_IDENTIFY_DEVICE = 0xec,
            CMD_SET_FEATURES = 0xef;

    static final int FEATURE_ENABLE_WRITE_CACHE = 0x02, FEATURE_SET_TRANSFER_MODE = 0x03,
            FEATURE_DISABLE_WRITE_CACHE = 0x82, FEATURE_DISABLE_READ_LOOK_AHEAD = 0x55,
            FEATURE_ENABLE_READ_LOOK_AHEAD = 0xaa, FEATURE_DISABLE_REVERTING_TO_DEFAULTS = 0x66,
            FEATURE_ENABLE_REVERTING_TO_DEFAULTS = 0xcc;

    /** CHECK POWER MODE's answer in the sector count register: active or idle. */
    static final int POWER_MODE_ACTIVE = 0xff;
}
