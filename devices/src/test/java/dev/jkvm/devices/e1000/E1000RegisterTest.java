package dev.jkvm.devices.e1000;

import dev.jkvm.devices.pci.PciDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.jkvm.devices.e1000.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class E1000RegisterTest {
    private final Nic nic = new Nic();

    @AfterEach
    void close() {
        nic.close();
    }

    @Test
    void pciIdentityAndBars() {
        PciDevice pci = nic.pci;
        assertEquals(0x8086, pci.configRead(PciDevice.VENDOR_ID, 2));
        assertEquals(0x100e, pci.configRead(PciDevice.DEVICE_ID, 2));
        assertEquals(0x020000, pci.configRead(PciDevice.REVISION_ID, 4) >>> 8);
        assertEquals(0x8086, pci.configRead(PciDevice.SUBSYSTEM_VENDOR_ID, 2));
        assertEquals(0x001e, pci.configRead(PciDevice.SUBSYSTEM_ID, 2));
        assertEquals(1, pci.interruptPin());
        pci.configWrite(PciDevice.BAR0, 4, 0xffffffffL);
        assertEquals(0xfffe0000L, pci.configRead(PciDevice.BAR0, 4)); // 128 KiB memory
        pci.configWrite(PciDevice.BAR0 + 4, 4, 0xffffffffL);
        assertEquals(0xfffffff9L, pci.configRead(PciDevice.BAR0 + 4, 4)); // 8 bytes of I/O
    }

    @Test
    void resetThroughTheIoWindowRestoresDefaultsAndReportsTheLink() {
        nic.write(IMS, Interrupts.RXT0);
        nic.write(RCTL, E1000.RCTL_EN);
        nic.write(RDLEN, 4096);
        nic.read(ICR);
        nic.linuxReset();
        assertEquals(0, nic.read(IMS));
        assertEquals(0, nic.read(RCTL));
        assertEquals(0, nic.read(RDLEN));
        assertEquals(0, nic.read(CTRL) & E1000.CTRL_RST, "RST clears itself");
        assertEquals(0x8100, nic.read(VET));
        assertEquals(0x00100030, nic.read(PBA));
        // Link came up again after the reset: LSC pending (linuxReset read ICR, so raise it anew).
        nic.write(CTRL, nic.read(CTRL) & ~E1000.CTRL_SLU);
        nic.read(ICR);
        nic.write(CTRL, nic.read(CTRL) | E1000.CTRL_SLU);
        assertEquals(Interrupts.LSC, nic.read(ICR) & Interrupts.LSC);
        int status = nic.read(STATUS);
        assertTrue((status & E1000.STATUS_LU) != 0);
        assertTrue((status & E1000.STATUS_FD) != 0);
        assertEquals(E1000.STATUS_SPEED_1000, status & 0xc0);
    }

    @Test
    void resetRaisesLinkStatusChange() {
        nic.read(ICR);
        nic.writeIo(CTRL, E1000.CTRL_RST);
        assertEquals(Interrupts.LSC, nic.read(ICR));
        assertEquals(0, nic.read(ICR), "ICR clears when read");
    }

    @Test
    void eepromHoldsTheMacAndAValidChecksumThroughBothInterfaces() {
        int sum = 0;
        for (int word = 0; word < Eeprom.WORDS; word++) {
            int bitBanged = nic.eepromWord(word);
            nic.write(EERD, Eeprom.EERD_START | word << Eeprom.EERD_ADDRESS_SHIFT);
            int eerd = nic.read(EERD);
            assertTrue((eerd & Eeprom.EERD_DONE) != 0);
            assertEquals(bitBanged, eerd >>> Eeprom.EERD_DATA_SHIFT, "word " + word);
            sum += bitBanged;
        }
        assertEquals(0xbaba, sum & 0xffff);
        for (int i = 0; i < 3; i++) {
            int word = nic.eepromWord(i);
            assertEquals(Nic.MAC[2 * i] & 0xff, word & 0xff);
            assertEquals(Nic.MAC[2 * i + 1] & 0xff, word >>> 8);
        }
        assertEquals(0x100e, nic.eepromWord(0x0d));
        assertEquals(0, nic.eepromWord(0x0f) & 0x3000, "no flow control advertised");
        assertEquals(0, nic.eepromWord(0x24) & 0x0400, "no wake-on-LAN");
        assertEquals(Eeprom.EECD_PRES, nic.read(EECD) & Eeprom.EECD_PRES);
        assertEquals(0, nic.read(EECD) & 0x200, "64-word (6 address bit) EEPROM");
    }

    @Test
    void receiveAddressZeroHoldsTheMacAfterReset() {
        assertEquals(0x12005452, nic.read(RA));
        assertEquals(0x80005634, nic.read(RA + 4));
    }

    @Test
    void phyIdentifiesAsM88E1011WithLinkAndNegotiationDone() {
        assertEquals(0x0141, nic.phyRead(Phy.ID1));
        assertEquals(0x0c20, nic.phyRead(Phy.ID2) & 0xfff0);
        nic.phyRead(Phy.STATUS);
        int status = nic.phyRead(Phy.STATUS);
        assertTrue((status & Phy.STATUS_LINK_UP) != 0);
        assertTrue((status & Phy.STATUS_AUTONEG_COMPLETE) != 0);
        nic.phyWrite(Phy.AUTONEG_ADVERTISEMENT, 0x0de1);
        assertEquals(0x0de1, nic.phyRead(Phy.AUTONEG_ADVERTISEMENT));
        nic.phyWrite(Phy.CONTROL, Phy.CONTROL_AUTONEG_ENABLE | Phy.CONTROL_RESTART_AUTONEG | Phy.CONTROL_RESET);
        assertEquals(Phy.CONTROL_AUTONEG_ENABLE, nic.phyRead(Phy.CONTROL), "reset and restart clear themselves");
        assertEquals(0x01e1, nic.phyRead(Phy.AUTONEG_ADVERTISEMENT), "PHY reset restores the advertisement");
        assertNotEquals(0, nic.phyRead(Phy.GIGABIT_STATUS) & 0x0800, "partner 1000BASE-T full duplex");
        assertNotEquals(0, nic.phyRead(Phy.LINK_PARTNER_ABILITY));
        nic.phyWrite(Phy.ID1, 0x1234);
        assertEquals(0x0141, nic.phyRead(Phy.ID1), "identity is read-only");
    }

    @Test
    void mdicToAnotherPhyAddressReportsError() {
        nic.write(MDIC, Phy.ID1 << Mdic.REGISTER_SHIFT | 2 << Mdic.PHY_SHIFT | Mdic.OP_READ << Mdic.OP_SHIFT);
        int mdic = nic.read(MDIC);
        assertTrue((mdic & Mdic.READY) != 0);
        assertTrue((mdic & Mdic.ERROR) != 0);
    }

    @Test
    void interruptCauseAndMaskRegistersDriveTheLine() {
        nic.read(ICR);
        nic.write(ICS, Interrupts.TXDW);
        assertFalse(nic.irq.level(), "masked");
        nic.write(IMS, Interrupts.TXDW | Interrupts.RXT0);
        assertTrue(nic.irq.level());
        assertEquals(Interrupts.TXDW | Interrupts.RXT0, nic.read(IMS));
        nic.write(IMC, Interrupts.TXDW);
        assertFalse(nic.irq.level());
        assertEquals(Interrupts.RXT0, nic.read(IMS));
        nic.write(ICS, Interrupts.RXT0);
        assertTrue(nic.irq.level());
        nic.write(ICR, Interrupts.RXT0); // write one to clear
        assertFalse(nic.irq.level());
        assertEquals(Interrupts.TXDW, nic.read(ICR), "unmasked causes still show in ICR");
        nic.write(ICS, Interrupts.RXT0);
        assertTrue(nic.irq.level());
        assertEquals(Interrupts.RXT0, nic.read(ICR));
        assertFalse(nic.irq.level(), "reading ICR clears every cause");
        assertEquals(0, nic.pci.configRead(PciDevice.STATUS, 2) & PciDevice.STATUS_INTERRUPT);
    }

    @Test
    void itrKeepsInterruptsApartByItsInterval() {
        nic.read(ICR);
        nic.write(IMS, Interrupts.RXT0);
        nic.write(ITR, 1000); // 256 us
        nic.clock.advanceTo(1_000_000);
        nic.write(ICS, Interrupts.RXT0);
        assertTrue(nic.irq.level());
        assertEquals(1, nic.irq.risingEdges());
        nic.read(ICR);
        nic.write(ICS, Interrupts.RXT0);
        assertFalse(nic.irq.level(), "too soon after the last interrupt");
        nic.clock.advanceTo(1_000_000 + 255_999);
        assertFalse(nic.irq.level());
        nic.clock.advanceTo(1_000_000 + 256_000);
        assertTrue(nic.irq.level(), "raised when the interval ends");
        assertEquals(2, nic.irq.risingEdges());
        nic.read(ICR);
        nic.clock.advanceTo(2_000_000);
        nic.write(ICS, Interrupts.RXT0);
        assertTrue(nic.irq.level(), "after a quiet interval the next interrupt is immediate");
        nic.read(ICR);
        nic.write(ICS, Interrupts.RXT0);
        nic.read(ICR); // the guest polled the cause away before the interval ended
        nic.clock.advanceTo(3_000_000);
        assertFalse(nic.irq.level());
        assertEquals(3, nic.irq.risingEdges());
        nic.write(ITR, 0);
        nic.write(ICS, Interrupts.RXT0);
        nic.read(ICR);
        nic.write(ICS, Interrupts.RXT0);
        assertTrue(nic.irq.level(), "ITR 0 does not throttle");
    }

    @Test
    void everyStatisticsRegisterReadsAndClears() {
        for (int offset = STATISTICS_FIRST; offset <= STATISTICS_LAST; offset += 4) {
            nic.read(offset);
            assertEquals(0, nic.read(offset), String.format("%#x", offset));
        }
    }

    @Test
    void storedRegistersKeepValuesAndUnknownOffsetsReadZero() {
        for (int register : new int[] {CTRL_EXT, FCAL, FCAH, FCT, FCTTV, TIPG, LEDCTL, FCRTL, FCRTH, RDTR, RADV, TIDV,
                TADV, TXDCTL, RXCSUM, MANC, MTA + 4, VFTA + 8}) {
            nic.write(register, 0x1234);
            assertEquals(0x1234, nic.read(register), String.format("%#x", register));
        }
        nic.write(0x1f000, 0xdead);
        assertEquals(0, nic.read(0x1f000));
        assertEquals(0, nic.read(0x1fffc));
        assertEquals(0, nic.read(ICS), "write-only");
        nic.mmio.write(RDTR, 1, 0xff); // narrow writes are ignored
        assertEquals(0x1234, nic.read(RDTR));
        assertEquals(0x34, nic.mmio.read(RDTR, 1));
        assertEquals(0x12, nic.mmio.read(RDTR + 1, 1));
    }
}
