package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_regs;

import java.lang.foreign.MemorySegment;

/** The general-purpose registers (struct kvm_regs): a plain mutable mirror to read, change and write back. */
public final class Regs {
    public long rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp;
    public long r8, r9, r10, r11, r12, r13, r14, r15;
    public long rip, rflags;

    static Regs read(MemorySegment s) {
        Regs r = new Regs();
        r.rax = kvm_regs.rax(s); r.rbx = kvm_regs.rbx(s); r.rcx = kvm_regs.rcx(s); r.rdx = kvm_regs.rdx(s);
        r.rsi = kvm_regs.rsi(s); r.rdi = kvm_regs.rdi(s); r.rsp = kvm_regs.rsp(s); r.rbp = kvm_regs.rbp(s);
        r.r8 = kvm_regs.r8(s); r.r9 = kvm_regs.r9(s); r.r10 = kvm_regs.r10(s); r.r11 = kvm_regs.r11(s);
        r.r12 = kvm_regs.r12(s); r.r13 = kvm_regs.r13(s); r.r14 = kvm_regs.r14(s); r.r15 = kvm_regs.r15(s);
        r.rip = kvm_regs.rip(s); r.rflags = kvm_regs.rflags(s);
        return r;
    }

    void write(MemorySegment s) {
        kvm_regs.rax(s, rax); kvm_regs.rbx(s, rbx); kvm_regs.rcx(s, rcx); kvm_regs.rdx(s, rdx);
        kvm_regs.rsi(s, rsi); kvm_regs.rdi(s, rdi); kvm_regs.rsp(s, rsp); kvm_regs.rbp(s, rbp);
        kvm_regs.r8(s, r8); kvm_regs.r9(s, r9); kvm_regs.r10(s, r10); kvm_regs.r11(s, r11);
        kvm_regs.r12(s, r12); kvm_regs.r13(s, r13); kvm_regs.r14(s, r14); kvm_regs.r15(s, r15);
        kvm_regs.rip(s, rip); kvm_regs.rflags(s, rflags);
    }
}
