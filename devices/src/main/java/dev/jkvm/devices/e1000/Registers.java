package dev.jkvm.devices.e1000;

/** Byte offsets of the 82540EM registers in the memory BAR (Intel 8254x SDM, chapter 13). */
final class Registers {
    private Registers() {}

    static final int CTRL = 0x0000, STATUS = 0x0008, EECD = 0x0010, EERD = 0x0014, CTRL_EXT = 0x0018, FLA = 0x001c,
            MDIC = 0x0020, FCAL = 0x0028, FCAH = 0x002c, FCT = 0x0030, VET = 0x0038;
    static final int ICR = 0x00c0, ITR = 0x00c4, ICS = 0x00c8, IMS = 0x00d0, IMC = 0x00d8;
    static final int RCTL = 0x0100, FCTTV = 0x0170, TXCW = 0x0178, RXCW = 0x0180, TCTL = 0x0400, TIPG = 0x0410,
            AIFS = 0x0458, LEDCTL = 0x0e00, PBA = 0x1000;
    static final int FCRTL = 0x2160, FCRTH = 0x2168;
    static final int RDBAL = 0x2800, RDBAH = 0x2804, RDLEN = 0x2808, RDH = 0x2810, RDT = 0x2818, RDTR = 0x2820,
            RXDCTL = 0x2828, RADV = 0x282c, RSRPD = 0x2c00;
    static final int TDBAL = 0x3800, TDBAH = 0x3804, TDLEN = 0x3808, TDH = 0x3810, TDT = 0x3818, TIDV = 0x3820,
            TXDCTL = 0x3828, TADV = 0x382c, TSPMT = 0x3830;
    static final int STATISTICS_FIRST = 0x4000, STATISTICS_LAST = 0x40fc;
    static final int RXCSUM = 0x5000;
    static final int MTA = 0x5200, RA = 0x5400, VFTA = 0x5600;
    static final int WUC = 0x5800, WUFC = 0x5808, WUS = 0x5810, MANC = 0x5820;
}
