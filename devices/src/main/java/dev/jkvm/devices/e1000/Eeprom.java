package dev.jkvm.devices.e1000;

/**
 * The 82540EM's 64-word Microwire EEPROM (a 93C46) and the two ways to read it: bit-banging the
 * serial lines through EECD, which Linux's e1000 driver does for this chip, and the EERD register.
 * Writes and erases are accepted on the wire and ignored: the contents are fixed.
 *
 * <p>Contents: the MAC address in words 0-2, the PCI identity the EEPROM would load (words 0x0b-0x0e),
 * init control words that disable flow control and wake-on-LAN (0x0f, 0x24), and the checksum word
 * 0x3f that makes words 0x00-0x3f sum to 0xbaba.
 */
final class Eeprom {
    static final int WORDS = 64;
    static final int CHECKSUM_WORD = 0x3f, CHECKSUM_SUM = 0xbaba;

    private static final int ID_LED_SETTINGS = 0x04, PBA_NUMBER = 0x08, INIT_CONTROL_1 = 0x0a, SUBSYSTEM_ID = 0x0b,
            SUBSYSTEM_VENDOR_ID = 0x0c, DEVICE_ID = 0x0d, VENDOR_ID = 0x0e, INIT_CONTROL_2 = 0x0f, INIT_CONTROL_3 = 0x24;
    /** Init control 1: the "valid EEPROM" signature (bits 15:14 = 01) and load-IDs-from-EEPROM bits. */
    private static final int INIT_CONTROL_1_VALUE = 0x4000 | 0x0003;

    static final int EECD_SK = 0x001, EECD_CS = 0x002, EECD_DI = 0x004, EECD_DO = 0x008, EECD_FWE_DISABLED = 0x010,
            EECD_FWE = 0x030, EECD_REQ = 0x040, EECD_GNT = 0x080, EECD_PRES = 0x100;
    private static final int EECD_WRITABLE = EECD_SK | EECD_CS | EECD_DI | EECD_FWE | EECD_REQ;

    static final int EERD_START = 0x01, EERD_DONE = 0x10, EERD_ADDRESS_SHIFT = 8, EERD_DATA_SHIFT = 16;

    private static final int READ_OPCODE = 0b10, OPCODE_BITS = 2, ADDRESS_BITS = 6, WORD_BITS = 16;

    private final int[] words = new int[WORDS];

    /** EECD as last written (the lines the driver drives), and the wire protocol's progress. */
    private int eecd = EECD_FWE_DISABLED;
    private boolean started;
    private int commandBits;
    private int command;
    private boolean reading;
    private int readAddress;
    private int dataBitsOut;
    private boolean dataOut;
    private int eerd;

    Eeprom(byte[] mac, int deviceId, int vendorId, int subsystemId, int subsystemVendorId) {
        for (int i = 0; i < 3; i++) words[i] = (mac[2 * i] & 0xff) | (mac[2 * i + 1] & 0xff) << 8;
        words[ID_LED_SETTINGS] = 0xffff; // "use the default LED configuration"
        words[PBA_NUMBER] = 0x1000;
        words[INIT_CONTROL_1] = INIT_CONTROL_1_VALUE;
        words[SUBSYSTEM_ID] = subsystemId;
        words[SUBSYSTEM_VENDOR_ID] = subsystemVendorId;
        words[DEVICE_ID] = deviceId;
        words[VENDOR_ID] = vendorId;
        words[INIT_CONTROL_2] = 0; // no PAUSE capability advertised: no flow control
        words[INIT_CONTROL_3] = 0; // APM (wake-on-LAN) disabled
        int sum = 0;
        for (int i = 0; i < CHECKSUM_WORD; i++) sum += words[i];
        words[CHECKSUM_WORD] = (CHECKSUM_SUM - sum) & 0xffff;
    }

    int word(int address) {
        return words[address & (WORDS - 1)];
    }

    /** EECD: the lines software drives, DO from the EEPROM, GNT following REQ (no other agent competes), PRES. */
    int readEecd() {
        int value = eecd | EECD_PRES;
        if ((eecd & EECD_REQ) != 0) value |= EECD_GNT;
        if (dataOut) value |= EECD_DO;
        return value;
    }

    void writeEecd(int value) {
        int previous = eecd;
        eecd = value & EECD_WRITABLE;
        if ((eecd & EECD_CS) == 0) {
            deselect();
        } else if ((previous & EECD_SK) == 0 && (eecd & EECD_SK) != 0) {
            clockRisingEdge((eecd & EECD_DI) != 0);
        }
    }

    /** Dropping chip select ends any command; the next one starts afresh with its start bit. */
    private void deselect() {
        started = false;
        commandBits = 0;
        command = 0;
        reading = false;
        dataOut = false;
    }

    /** The EEPROM samples DI on SK's rising edge and moves DO to the next data bit on it. */
    private void clockRisingEdge(boolean dataIn) {
        if (reading) {
            shiftOutNextBit();
            return;
        }
        if (!started) {
            started = dataIn; // zeros before the start bit are ignored
            return;
        }
        command = command << 1 | (dataIn ? 1 : 0);
        commandBits++;
        if (commandBits == OPCODE_BITS + ADDRESS_BITS && command >>> ADDRESS_BITS == READ_OPCODE) {
            reading = true;
            readAddress = command & (WORDS - 1);
            dataBitsOut = 0;
            dataOut = false; // the dummy zero that precedes the data
        }
    }

    /** Data leaves most significant bit first; past the last bit the read continues with the next word. */
    private void shiftOutNextBit() {
        if (dataBitsOut == WORD_BITS) {
            dataBitsOut = 0;
            readAddress = (readAddress + 1) & (WORDS - 1);
        }
        dataOut = (words[readAddress] >>> (WORD_BITS - 1 - dataBitsOut) & 1) != 0;
        dataBitsOut++;
    }

    int readEerd() {
        return eerd;
    }

    /** A read through EERD completes at once: DONE set, data in the upper half. */
    void writeEerd(int value) {
        if ((value & EERD_START) == 0) {
            eerd = value & 0xff00;
            return;
        }
        int address = (value >>> EERD_ADDRESS_SHIFT) & 0xff;
        int data = address < WORDS ? words[address] : 0;
        eerd = (address << EERD_ADDRESS_SHIFT) | EERD_DONE | data << EERD_DATA_SHIFT;
    }

    void reset() {
        eecd = EECD_FWE_DISABLED;
        eerd = 0;
        deselect();
    }
}
