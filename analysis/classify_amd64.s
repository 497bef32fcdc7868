#include "textflag.h"

// classify64 (classify_amd64.go) with SSE2: sixteen bytes are compared at once and PMOVMSKB
// gathers the high bit of each byte of a comparison into a 16-bit mask, which is shifted into
// place in the block's 64-bit mask. The constants, each byte repeated sixteen times, stay in
// X5 to X15 (X15 is scratch in ABI0; the wrapper restores it). Unsigned ranges use PMINUB and
// PMAXUB: y <= c exactly when min(y, c) == y.

// The bytes of the constants, in the order of the registers X5 to X15: 0xC0 (leads), 0x01 and
// 0xD1 (Cyrillic leads D0 and D1), 0x40 and "'" (word bytes), 0x20, "a" and 25 (ASCII letters
// folded to lower case), "0" and 9 (digits), "+".
DATA classifyBytes<>+0(SB)/8, $0xC0C0C0C0C0C0C0C0
DATA classifyBytes<>+8(SB)/8, $0xC0C0C0C0C0C0C0C0
DATA classifyBytes<>+16(SB)/8, $0x0101010101010101
DATA classifyBytes<>+24(SB)/8, $0x0101010101010101
DATA classifyBytes<>+32(SB)/8, $0xD1D1D1D1D1D1D1D1
DATA classifyBytes<>+40(SB)/8, $0xD1D1D1D1D1D1D1D1
DATA classifyBytes<>+48(SB)/8, $0x4040404040404040
DATA classifyBytes<>+56(SB)/8, $0x4040404040404040
DATA classifyBytes<>+64(SB)/8, $0x2727272727272727
DATA classifyBytes<>+72(SB)/8, $0x2727272727272727
DATA classifyBytes<>+80(SB)/8, $0x2020202020202020
DATA classifyBytes<>+88(SB)/8, $0x2020202020202020
DATA classifyBytes<>+96(SB)/8, $0x6161616161616161
DATA classifyBytes<>+104(SB)/8, $0x6161616161616161
DATA classifyBytes<>+112(SB)/8, $0x1919191919191919
DATA classifyBytes<>+120(SB)/8, $0x1919191919191919
DATA classifyBytes<>+128(SB)/8, $0x3030303030303030
DATA classifyBytes<>+136(SB)/8, $0x3030303030303030
DATA classifyBytes<>+144(SB)/8, $0x0909090909090909
DATA classifyBytes<>+152(SB)/8, $0x0909090909090909
DATA classifyBytes<>+160(SB)/8, $0x2B2B2B2B2B2B2B2B
DATA classifyBytes<>+168(SB)/8, $0x2B2B2B2B2B2B2B2B
GLOBL classifyBytes<>(SB), RODATA|NOPTR, $176

// LANE classifies the sixteen bytes at off(SI) and ORs their masks, shifted left by sh, into
// R8 (word), R9 (letter), R10 (lead), R11 (any high bit), R12 (Cyrillic lead), R13 (digit)
// and BX ("+").
#define LANE(off, sh) \
	MOVOU    off(SI), X0 \
	PMOVMSKB X0, AX \
	SHLQ     $sh, AX \
	ORQ      AX, R11 \
	MOVO     X0, X1 \
	PMAXUB   X5, X1 \
	PCMPEQB  X0, X1 \
	PMOVMSKB X1, CX \
	SHLQ     $sh, CX \
	ORQ      CX, R10 \
	MOVO     X0, X2 \
	POR      X6, X2 \
	PCMPEQB  X7, X2 \
	PMOVMSKB X2, DX \
	SHLQ     $sh, DX \
	ORQ      DX, R12 \
	MOVO     X0, X1 \
	PMAXUB   X8, X1 \
	PCMPEQB  X0, X1 \
	MOVO     X0, X2 \
	PCMPEQB  X9, X2 \
	POR      X2, X1 \
	PMOVMSKB X1, AX \
	SHLQ     $sh, AX \
	ORQ      AX, R8 \
	MOVO     X0, X3 \
	POR      X10, X3 \
	PSUBB    X11, X3 \
	MOVO     X3, X4 \
	PMINUB   X12, X4 \
	PCMPEQB  X3, X4 \
	PMOVMSKB X4, CX \
	SHLQ     $sh, CX \
	ORQ      CX, R9 \
	MOVO     X0, X1 \
	PSUBB    X13, X1 \
	MOVO     X1, X2 \
	PMINUB   X14, X2 \
	PCMPEQB  X1, X2 \
	PMOVMSKB X2, DX \
	SHLQ     $sh, DX \
	ORQ      DX, R13 \
	PCMPEQB  X15, X0 \
	PMOVMSKB X0, AX \
	SHLQ     $sh, AX \
	ORQ      AX, BX

// func classify64(s string, m *marks)
TEXT ·classify64(SB), NOSPLIT, $0-24
	MOVQ  s_base+0(FP), SI
	MOVQ  m+16(FP), DI
	LEAQ  classifyBytes<>(SB), AX
	MOVOU 0(AX), X5
	MOVOU 16(AX), X6
	MOVOU 32(AX), X7
	MOVOU 48(AX), X8
	MOVOU 64(AX), X9
	MOVOU 80(AX), X10
	MOVOU 96(AX), X11
	MOVOU 112(AX), X12
	MOVOU 128(AX), X13
	MOVOU 144(AX), X14
	MOVOU 160(AX), X15
	XORQ  R8, R8
	XORQ  R9, R9
	XORQ  R10, R10
	XORQ  R11, R11
	XORQ  R12, R12
	XORQ  R13, R13
	XORQ  BX, BX
	LANE(0, 0)
	LANE(16, 16)
	LANE(32, 32)
	LANE(48, 48)
	XORQ  R10, R11 // continuation bytes: a high bit but no lead
	MOVQ  R8, 0(DI)
	MOVQ  R9, 8(DI)
	MOVQ  R10, 16(DI)
	MOVQ  R11, 24(DI)
	MOVQ  R12, 32(DI)
	MOVQ  R13, 40(DI)
	MOVQ  BX, 48(DI)
	RET
