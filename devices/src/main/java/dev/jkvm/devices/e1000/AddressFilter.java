package dev.jkvm.devices.e1000;

/**
 * Which received frames the guest wants: the 16 receive address registers (RAL/RAH), the 4096-bit
 * multicast table (MTA), the VLAN filter table (VFTA) and RCTL's promiscuous and broadcast bits.
 */
final class AddressFilter {
    static final int ADDRESSES = 16, MTA_WORDS = 128, VFTA_WORDS = 128;
    static final int RAH_ADDRESS_VALID = 1 << 31;
    private static final int RAH_WRITABLE = RAH_ADDRESS_VALID | 0x3 << 16 | 0xffff;

    static final int RCTL_UPE = 1 << 3, RCTL_MPE = 1 << 4, RCTL_MO_SHIFT = 12, RCTL_BAM = 1 << 15, RCTL_VFE = 1 << 18;

    private final int[] receiveAddresses = new int[2 * ADDRESSES];
    private final int[] multicastTable = new int[MTA_WORDS];
    private final int[] vlanTable = new int[VFTA_WORDS];

    /** RAL0/RAH0 hold the EEPROM's MAC address after reset, marked valid. */
    void reset(byte[] mac) {
        java.util.Arrays.fill(receiveAddresses, 0);
        receiveAddresses[0] = (mac[0] & 0xff) | (mac[1] & 0xff) << 8 | (mac[2] & 0xff) << 16 | (mac[3] & 0xff) << 24;
        receiveAddresses[1] = (mac[4] & 0xff) | (mac[5] & 0xff) << 8 | RAH_ADDRESS_VALID;
        // MTA and VFTA are not reset by hardware; software clears them.
    }

    int readReceiveAddress(int index) {
        return receiveAddresses[index];
    }

    void writeReceiveAddress(int index, int value) {
        receiveAddresses[index] = index % 2 == 1 ? value & RAH_WRITABLE : value;
    }

    int readMulticastTable(int index) {
        return multicastTable[index];
    }

    void writeMulticastTable(int index, int value) {
        multicastTable[index] = value;
    }

    int readVlanTable(int index) {
        return vlanTable[index];
    }

    void writeVlanTable(int index, int value) {
        vlanTable[index] = value;
    }

    /** The filtering decision for a frame's destination (and VLAN tag when filtering is on). */
    boolean accepts(byte[] frame, int rctl, int vlanEtherType) {
        if (frame.length < 14) return false;
        if ((rctl & RCTL_VFE) != 0 && taggedWithUnwantedVlan(frame, vlanEtherType)) return false;
        boolean group = (frame[0] & 1) != 0;
        if (!group) return (rctl & RCTL_UPE) != 0 || matchesReceiveAddress(frame);
        if (isBroadcast(frame)) return (rctl & RCTL_BAM) != 0 || (rctl & RCTL_MPE) != 0;
        return (rctl & RCTL_MPE) != 0 || matchesReceiveAddress(frame) || inMulticastTable(frame, (rctl >>> RCTL_MO_SHIFT) & 3);
    }

    private boolean matchesReceiveAddress(byte[] frame) {
        int low = (frame[0] & 0xff) | (frame[1] & 0xff) << 8 | (frame[2] & 0xff) << 16 | (frame[3] & 0xff) << 24;
        int high = (frame[4] & 0xff) | (frame[5] & 0xff) << 8;
        for (int i = 0; i < ADDRESSES; i++) {
            int rah = receiveAddresses[2 * i + 1];
            if ((rah & RAH_ADDRESS_VALID) != 0 && receiveAddresses[2 * i] == low && (rah & 0xffff) == high) return true;
        }
        return false;
    }

    /** RCTL.MO picks which 12 bits of the address index the table: bits 47:36, 46:35, 45:34 or 43:32. */
    private boolean inMulticastTable(byte[] frame, int offsetMode) {
        int top = (frame[4] & 0xff) | (frame[5] & 0xff) << 8;
        int shift = switch (offsetMode) {
            case 0 -> 4;
            case 1 -> 3;
            case 2 -> 2;
            default -> 0;
        };
        int hash = (top >>> shift) & 0xfff;
        return (multicastTable[hash >>> 5] >>> (hash & 31) & 1) != 0;
    }

    private boolean taggedWithUnwantedVlan(byte[] frame, int vlanEtherType) {
        if (frame.length < 16 || ((frame[12] & 0xff) << 8 | (frame[13] & 0xff)) != vlanEtherType) return false;
        int vid = ((frame[14] & 0x0f) << 8) | (frame[15] & 0xff);
        return (vlanTable[vid >>> 5] >>> (vid & 31) & 1) == 0;
    }

    private static boolean isBroadcast(byte[] frame) {
        for (int i = 0; i < 6; i++) if (frame[i] != (byte) 0xff) return false;
        return true;
    }
}
