/*
 * Native side of jkvm's CPU differential test. Reads test cases from stdin, runs each instruction
 * sequence on the host CPU with the given registers, flags, FXSAVE image and data page, and writes
 * the resulting state to stdout. Faults are caught with signals and reported by signal number.
 *
 * Fixed addresses (so memory operands mean the same thing here and in the model):
 *   0x10000000  data page (4 KiB, read/write); 0x10001000 is left unmapped as a guard page
 *   0x20000000  code page: the case's bytes followed by a trailer that saves the state
 *   0x30000000  control block: input/output registers, FXSAVE images, a scratch stack
 *
 * Input per case:  u32 code length (0 ends the stream), code bytes, u64 gpr[16], u64 rflags,
 *                  512-byte FXSAVE image, 4096-byte data page.
 * Output per case: u32 signal (0 = none), u64 gpr[16], u64 rflags, 512-byte FXSAVE image,
 *                  u32 count of changed data bytes, then (u16 offset, u8 value) per change.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define DATA_BASE 0x10000000UL
#define CODE_BASE 0x20000000UL
#define CONTROL_BASE 0x30000000UL
#define PAGE 4096
#define MAX_CODE 256

struct control {
    uint64_t in_gpr[16];      /* 0x000 */
    uint64_t in_rflags;       /* 0x080 */
    uint64_t host_rsp;        /* 0x088 */
    uint64_t out_gpr[16];     /* 0x090 */
    uint64_t out_rflags;      /* 0x110 */
    uint64_t code_entry;      /* 0x118 */
    uint64_t return_address;  /* 0x120 */
    uint8_t pad[0x200 - 0x128];
    uint8_t in_fx[512];       /* 0x200 */
    uint8_t out_fx[512];      /* 0x400 */
    uint8_t host_fx[512];     /* 0x600 */
};

extern void run_case(void);
extern char run_case_return[];

/* Loads the test state and jumps to the code page; the trailer jumps back to run_case_return. */
__asm__(
    ".text\n"
    ".globl run_case\n"
    "run_case:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
    "  mov %rsp, 0x30000088\n"
    "  fxsave64 0x30000600\n"
    "  fxrstor64 0x30000200\n"
    "  mov $0x30000f00, %rsp\n"
    "  pushq 0x30000080\n"
    "  popfq\n"
    "  mov 0x30000008, %rcx\n mov 0x30000010, %rdx\n mov 0x30000018, %rbx\n"
    "  mov 0x30000028, %rbp\n mov 0x30000030, %rsi\n mov 0x30000038, %rdi\n"
    "  mov 0x30000040, %r8\n mov 0x30000048, %r9\n mov 0x30000050, %r10\n mov 0x30000058, %r11\n"
    "  mov 0x30000060, %r12\n mov 0x30000068, %r13\n mov 0x30000070, %r14\n mov 0x30000078, %r15\n"
    "  mov 0x30000020, %rsp\n"
    "  mov 0x30000000, %rax\n"
    "  jmp *0x30000118\n"
    ".globl run_case_return\n"
    "run_case_return:\n"
    "  mov 0x30000088, %rsp\n"
    "  cld\n"
    "  fxrstor64 0x30000600\n"
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n");

static sigjmp_buf fault_jump;
static volatile sig_atomic_t fault_signal;

static void on_fault(int sig, siginfo_t *info, void *context) {
    (void) info;
    (void) context;
    fault_signal = sig;
    siglongjmp(fault_jump, 1);
}

static void *map_fixed(uintptr_t address, int prot) {
    void *p = mmap((void *) address, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED || p != (void *) address) {
        perror("mmap");
        exit(2);
    }
    return p;
}

/* mov [abs32], reg64 for register r: REX.W(+R) 89 /r with ModRM 00 r 100, SIB 25, disp32. */
static size_t emit_store(uint8_t *out, int reg, uint32_t address) {
    size_t n = 0;
    out[n++] = 0x48 | (reg >= 8 ? 4 : 0);
    out[n++] = 0x89;
    out[n++] = (uint8_t) (((reg & 7) << 3) | 4);
    out[n++] = 0x25;
    memcpy(out + n, &address, 4);
    return n + 4;
}

static size_t emit_trailer(uint8_t *out) {
    size_t n = 0;
    for (int r = 0; r < 16; r++) n += emit_store(out + n, r, (uint32_t) (CONTROL_BASE + 0x90 + 8 * r));
    static const uint8_t tail[] = {
        0x48, 0xc7, 0xc4, 0x00, 0x0f, 0x00, 0x30,       /* mov $0x30000f00, %rsp */
        0x9c,                                           /* pushfq */
        0x8f, 0x04, 0x25, 0x10, 0x01, 0x00, 0x30,       /* popq 0x30000110 */
        0x48, 0x0f, 0xae, 0x04, 0x25, 0x00, 0x04, 0x00, 0x30, /* fxsave64 0x30000400 */
        0xff, 0x24, 0x25, 0x20, 0x01, 0x00, 0x30,       /* jmp *0x30000120 */
    };
    memcpy(out + n, tail, sizeof tail);
    return n + sizeof tail;
}

static int read_fully(void *buffer, size_t size) {
    return fread(buffer, 1, size, stdin) == size;
}

int main(void) {
    uint8_t *data = map_fixed(DATA_BASE, PROT_READ | PROT_WRITE);
    uint8_t *code = map_fixed(CODE_BASE, PROT_READ | PROT_WRITE | PROT_EXEC);
    struct control *control = map_fixed(CONTROL_BASE, PROT_READ | PROT_WRITE);
    static uint8_t initial[PAGE];

    static uint8_t alt_stack[65536];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    int signals[] = {SIGSEGV, SIGFPE, SIGILL, SIGBUS, SIGTRAP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &sa, NULL);

    control->code_entry = CODE_BASE;
    control->return_address = (uint64_t) (uintptr_t) run_case_return;
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);

    for (;;) {
        uint32_t length;
        if (!read_fully(&length, 4) || length == 0) break;
        if (length > MAX_CODE) return 3;
        memset(code, 0xcc, PAGE);
        if (!read_fully(code, length)) return 3;
        emit_trailer(code + length);
        __builtin___clear_cache((char *) code, (char *) code + PAGE);
        if (!read_fully(control->in_gpr, 128) || !read_fully(&control->in_rflags, 8)
                || !read_fully(control->in_fx, 512) || !read_fully(initial, PAGE)) {
            return 3;
        }
        memcpy(data, initial, PAGE);

        fault_signal = 0;
        if (sigsetjmp(fault_jump, 1) == 0) {
            run_case();
        } else {
            __asm__ volatile("cld\n fxrstor64 0x30000600" ::: "memory");
        }

        uint32_t sig = (uint32_t) fault_signal;
        fwrite(&sig, 4, 1, stdout);
        fwrite(control->out_gpr, 128, 1, stdout);
        fwrite(&control->out_rflags, 8, 1, stdout);
        fwrite(control->out_fx, 512, 1, stdout);
        uint32_t changes = 0;
        for (int i = 0; i < PAGE; i++) changes += data[i] != initial[i];
        fwrite(&changes, 4, 1, stdout);
        for (int i = 0; i < PAGE; i++) {
            if (data[i] != initial[i]) {
                uint16_t offset = (uint16_t) i;
                fwrite(&offset, 2, 1, stdout);
                fwrite(&data[i], 1, 1, stdout);
            }
        }
    }
    fflush(stdout);
    return 0;
}
