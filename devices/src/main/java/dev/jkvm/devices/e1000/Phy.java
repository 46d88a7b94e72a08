package dev.jkvm.devices.e1000;

/**
 * The 82540EM's internal PHY, a Marvell 88E1011, reached through MDIC at PHY address 1. The link is
 * a virtual cable to a 1000BASE-T full-duplex partner: always up, auto-negotiation always complete.
 * Reset and restart-negotiation bits clear themselves at once; other writable registers store.
 */
final class Phy {
    static final int ADDRESS = 1;

    static final int CONTROL = 0, STATUS = 1, ID1 = 2, ID2 = 3, AUTONEG_ADVERTISEMENT = 4, LINK_PARTNER_ABILITY = 5,
            AUTONEG_EXPANSION = 6, GIGABIT_CONTROL = 9, GIGABIT_STATUS = 10, EXTENDED_STATUS = 15,
            M88_SPECIFIC_CONTROL = 0x10, M88_SPECIFIC_STATUS = 0x11, M88_EXTENDED_SPECIFIC_CONTROL = 0x14;
    private static final int REGISTERS = 32;

    static final int CONTROL_RESET = 0x8000, CONTROL_AUTONEG_ENABLE = 0x1000, CONTROL_RESTART_AUTONEG = 0x0200,
            CONTROL_FULL_DUPLEX = 0x0100, CONTROL_SPEED_1000 = 0x0040;
    /** 10/100 capabilities, extended status, preamble suppression, negotiation complete and able, link up, extended registers. */
    static final int STATUS_VALUE = 0x7800 | 0x0100 | 0x0040 | 0x0020 | 0x0008 | 0x0004 | 0x0001;
    static final int STATUS_LINK_UP = 0x0004, STATUS_AUTONEG_COMPLETE = 0x0020;
    static final int ID1_VALUE = 0x0141, ID2_VALUE = 0x0c20;
    /** The partner acknowledges and offers 10/100 half and full duplex. */
    private static final int LINK_PARTNER_VALUE = 0x4000 | 0x01e0 | 0x0001;
    /** Local and remote receivers OK; the partner is 1000BASE-T full and half duplex capable. */
    private static final int GIGABIT_STATUS_VALUE = 0x3000 | 0x0c00;
    private static final int EXTENDED_STATUS_VALUE = 0x3000;
    /** Resolved 1000 Mb/s full duplex with link up. */
    private static final int M88_STATUS_VALUE = 0x8000 | 0x2000 | 0x0800 | 0x0400;

    private final int[] registers = new int[REGISTERS];

    Phy() {
        reset();
    }

    void reset() {
        java.util.Arrays.fill(registers, 0);
        registers[CONTROL] = CONTROL_AUTONEG_ENABLE | CONTROL_FULL_DUPLEX | CONTROL_SPEED_1000;
        registers[STATUS] = STATUS_VALUE;
        registers[ID1] = ID1_VALUE;
        registers[ID2] = ID2_VALUE;
        registers[AUTONEG_ADVERTISEMENT] = 0x01e1;
        registers[LINK_PARTNER_ABILITY] = LINK_PARTNER_VALUE;
        registers[AUTONEG_EXPANSION] = 0x0001;
        registers[GIGABIT_CONTROL] = 0x0300;
        registers[GIGABIT_STATUS] = GIGABIT_STATUS_VALUE;
        registers[EXTENDED_STATUS] = EXTENDED_STATUS_VALUE;
        registers[M88_SPECIFIC_CONTROL] = 0x0068;
        registers[M88_SPECIFIC_STATUS] = M88_STATUS_VALUE;
        registers[M88_EXTENDED_SPECIFIC_CONTROL] = 0x0c60;
    }

    int read(int register) {
        return registers[register & (REGISTERS - 1)];
    }

    void write(int register, int value) {
        register &= REGISTERS - 1;
        switch (register) {
            case STATUS, ID1, ID2, LINK_PARTNER_ABILITY, AUTONEG_EXPANSION, GIGABIT_STATUS, EXTENDED_STATUS,
                 M88_SPECIFIC_STATUS -> { } // read-only
            case CONTROL -> {
                if ((value & CONTROL_RESET) != 0) reset();
                registers[CONTROL] = value & 0xffff & ~(CONTROL_RESET | CONTROL_RESTART_AUTONEG);
            }
            default -> registers[register] = value & 0xffff;
        }
    }
}
