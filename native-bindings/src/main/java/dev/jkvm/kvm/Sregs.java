package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_sregs;

import java.lang.foreign.MemorySegment;

/** The special registers (struct kvm_sregs): segments, descriptor tables, control registers, EFER, APIC base. */
public final class Sregs {
    public Segment cs, ds, es, fs, gs, ss, tr, ldt;
    public DescriptorTable gdt, idt;
    public long cr0, cr2, cr3, cr4, cr8;
    public long efer;
    public long apicBase;
    /** Pending external interrupts, one bit per vector (4 x 64 bits); only meaningful without an in-kernel irqchip. */
    public long[] interruptBitmap = new long[4];

    static Sregs read(MemorySegment m) {
        Sregs r = new Sregs();
        r.cs = Segment.read(kvm_sregs.cs(m));
        r.ds = Segment.read(kvm_sregs.ds(m));
        r.es = Segment.read(kvm_sregs.es(m));
        r.fs = Segment.read(kvm_sregs.fs(m));
        r.gs = Segment.read(kvm_sregs.gs(m));
        r.ss = Segment.read(kvm_sregs.ss(m));
        r.tr = Segment.read(kvm_sregs.tr(m));
        r.ldt = Segment.read(kvm_sregs.ldt(m));
        r.gdt = DescriptorTable.read(kvm_sregs.gdt(m));
        r.idt = DescriptorTable.read(kvm_sregs.idt(m));
        r.cr0 = kvm_sregs.cr0(m);
        r.cr2 = kvm_sregs.cr2(m);
        r.cr3 = kvm_sregs.cr3(m);
        r.cr4 = kvm_sregs.cr4(m);
        r.cr8 = kvm_sregs.cr8(m);
        r.efer = kvm_sregs.efer(m);
        r.apicBase = kvm_sregs.apic_base(m);
        for (int i = 0; i < r.interruptBitmap.length; i++) r.interruptBitmap[i] = kvm_sregs.interrupt_bitmap(m, i);
        return r;
    }

    void write(MemorySegment m) {
        cs.write(kvm_sregs.cs(m));
        ds.write(kvm_sregs.ds(m));
        es.write(kvm_sregs.es(m));
        fs.write(kvm_sregs.fs(m));
        gs.write(kvm_sregs.gs(m));
        ss.write(kvm_sregs.ss(m));
        tr.write(kvm_sregs.tr(m));
        ldt.write(kvm_sregs.ldt(m));
        gdt.write(kvm_sregs.gdt(m));
        idt.write(kvm_sregs.idt(m));
        kvm_sregs.cr0(m, cr0);
        kvm_sregs.cr2(m, cr2);
        kvm_sregs.cr3(m, cr3);
        kvm_sregs.cr4(m, cr4);
        kvm_sregs.cr8(m, cr8);
        kvm_sregs.efer(m, efer);
        kvm_sregs.apic_base(m, apicBase);
        for (int i = 0; i < interruptBitmap.length; i++) kvm_sregs.interrupt_bitmap(m, i, interruptBitmap[i]);
    }
}
