#include "textflag.h"

// classify64 and classifyWords64 (classify_amd64.go) with SSE2: sixteen bytes are compared at
// once and PMOVMSKB gathers the high bit of each byte of a comparison into a 16-bit mask, which
// is shifted into place in the block's 64-bit mask. The constants, each byte repeated 32 times
// (AVX2 reads them whole, SSE2 the first sixteen), are read from classifyBytes: the first
// eleven stay in X5 to X15 (X15 is scratch in ABI0; the wrapper restores it), the others are
// operands in memory (aligned: the symbol is larger than 32 bytes, so the linker aligns it to
// 32, and each constant starts at a multiple of 32). Unsigned ranges use PMINUB and PMAXUB
// (y <= c exactly when min(y, c) == y); continuation bytes, 0x80 to 0xBF, are the bytes below
// 0xC0 as signed.

// The bytes of the constants. In X5 to X15: 0xC0 (leads, continuation bytes), 0x01 and 0xD1
// (Cyrillic leads D0 and D1, with 0xC5 for C4 and C5), 0x40 and "'" (word bytes), 0x20, "a"
// and 25 (ASCII letters folded to lower case), "0" and 9 (digits), "+". In memory, for the
// two-byte letters: 0x97 and 0xB7 after C3 (× and ÷), 0xC3, 0x8E, 0xA2 and 0xCE (Greek
// capitals), 0xAF and 0xCF (Greek small letters), 0xC5.
DATA classifyBytes<>+0(SB)/8, $0xC0C0C0C0C0C0C0C0
DATA classifyBytes<>+8(SB)/8, $0xC0C0C0C0C0C0C0C0
DATA classifyBytes<>+16(SB)/8, $0xC0C0C0C0C0C0C0C0
DATA classifyBytes<>+24(SB)/8, $0xC0C0C0C0C0C0C0C0
DATA classifyBytes<>+32(SB)/8, $0x0101010101010101
DATA classifyBytes<>+40(SB)/8, $0x0101010101010101
DATA classifyBytes<>+48(SB)/8, $0x0101010101010101
DATA classifyBytes<>+56(SB)/8, $0x0101010101010101
DATA classifyBytes<>+64(SB)/8, $0xD1D1D1D1D1D1D1D1
DATA classifyBytes<>+72(SB)/8, $0xD1D1D1D1D1D1D1D1
DATA classifyBytes<>+80(SB)/8, $0xD1D1D1D1D1D1D1D1
DATA classifyBytes<>+88(SB)/8, $0xD1D1D1D1D1D1D1D1
DATA classifyBytes<>+96(SB)/8, $0x4040404040404040
DATA classifyBytes<>+104(SB)/8, $0x4040404040404040
DATA classifyBytes<>+112(SB)/8, $0x4040404040404040
DATA classifyBytes<>+120(SB)/8, $0x4040404040404040
DATA classifyBytes<>+128(SB)/8, $0x2727272727272727
DATA classifyBytes<>+136(SB)/8, $0x2727272727272727
DATA classifyBytes<>+144(SB)/8, $0x2727272727272727
DATA classifyBytes<>+152(SB)/8, $0x2727272727272727
DATA classifyBytes<>+160(SB)/8, $0x2020202020202020
DATA classifyBytes<>+168(SB)/8, $0x2020202020202020
DATA classifyBytes<>+176(SB)/8, $0x2020202020202020
DATA classifyBytes<>+184(SB)/8, $0x2020202020202020
DATA classifyBytes<>+192(SB)/8, $0x6161616161616161
DATA classifyBytes<>+200(SB)/8, $0x6161616161616161
DATA classifyBytes<>+208(SB)/8, $0x6161616161616161
DATA classifyBytes<>+216(SB)/8, $0x6161616161616161
DATA classifyBytes<>+224(SB)/8, $0x1919191919191919
DATA classifyBytes<>+232(SB)/8, $0x1919191919191919
DATA classifyBytes<>+240(SB)/8, $0x1919191919191919
DATA classifyBytes<>+248(SB)/8, $0x1919191919191919
DATA classifyBytes<>+256(SB)/8, $0x3030303030303030
DATA classifyBytes<>+264(SB)/8, $0x3030303030303030
DATA classifyBytes<>+272(SB)/8, $0x3030303030303030
DATA classifyBytes<>+280(SB)/8, $0x3030303030303030
DATA classifyBytes<>+288(SB)/8, $0x0909090909090909
DATA classifyBytes<>+296(SB)/8, $0x0909090909090909
DATA classifyBytes<>+304(SB)/8, $0x0909090909090909
DATA classifyBytes<>+312(SB)/8, $0x0909090909090909
DATA classifyBytes<>+320(SB)/8, $0x2B2B2B2B2B2B2B2B
DATA classifyBytes<>+328(SB)/8, $0x2B2B2B2B2B2B2B2B
DATA classifyBytes<>+336(SB)/8, $0x2B2B2B2B2B2B2B2B
DATA classifyBytes<>+344(SB)/8, $0x2B2B2B2B2B2B2B2B
DATA classifyBytes<>+352(SB)/8, $0x9797979797979797
DATA classifyBytes<>+360(SB)/8, $0x9797979797979797
DATA classifyBytes<>+368(SB)/8, $0x9797979797979797
DATA classifyBytes<>+376(SB)/8, $0x9797979797979797
DATA classifyBytes<>+384(SB)/8, $0xB7B7B7B7B7B7B7B7
DATA classifyBytes<>+392(SB)/8, $0xB7B7B7B7B7B7B7B7
DATA classifyBytes<>+400(SB)/8, $0xB7B7B7B7B7B7B7B7
DATA classifyBytes<>+408(SB)/8, $0xB7B7B7B7B7B7B7B7
DATA classifyBytes<>+416(SB)/8, $0xC3C3C3C3C3C3C3C3
DATA classifyBytes<>+424(SB)/8, $0xC3C3C3C3C3C3C3C3
DATA classifyBytes<>+432(SB)/8, $0xC3C3C3C3C3C3C3C3
DATA classifyBytes<>+440(SB)/8, $0xC3C3C3C3C3C3C3C3
DATA classifyBytes<>+448(SB)/8, $0x8E8E8E8E8E8E8E8E
DATA classifyBytes<>+456(SB)/8, $0x8E8E8E8E8E8E8E8E
DATA classifyBytes<>+464(SB)/8, $0x8E8E8E8E8E8E8E8E
DATA classifyBytes<>+472(SB)/8, $0x8E8E8E8E8E8E8E8E
DATA classifyBytes<>+480(SB)/8, $0xA2A2A2A2A2A2A2A2
DATA classifyBytes<>+488(SB)/8, $0xA2A2A2A2A2A2A2A2
DATA classifyBytes<>+496(SB)/8, $0xA2A2A2A2A2A2A2A2
DATA classifyBytes<>+504(SB)/8, $0xA2A2A2A2A2A2A2A2
DATA classifyBytes<>+512(SB)/8, $0xCECECECECECECECE
DATA classifyBytes<>+520(SB)/8, $0xCECECECECECECECE
DATA classifyBytes<>+528(SB)/8, $0xCECECECECECECECE
DATA classifyBytes<>+536(SB)/8, $0xCECECECECECECECE
DATA classifyBytes<>+544(SB)/8, $0xAFAFAFAFAFAFAFAF
DATA classifyBytes<>+552(SB)/8, $0xAFAFAFAFAFAFAFAF
DATA classifyBytes<>+560(SB)/8, $0xAFAFAFAFAFAFAFAF
DATA classifyBytes<>+568(SB)/8, $0xAFAFAFAFAFAFAFAF
DATA classifyBytes<>+576(SB)/8, $0xCFCFCFCFCFCFCFCF
DATA classifyBytes<>+584(SB)/8, $0xCFCFCFCFCFCFCFCF
DATA classifyBytes<>+592(SB)/8, $0xCFCFCFCFCFCFCFCF
DATA classifyBytes<>+600(SB)/8, $0xCFCFCFCFCFCFCFCF
DATA classifyBytes<>+608(SB)/8, $0xC5C5C5C5C5C5C5C5
DATA classifyBytes<>+616(SB)/8, $0xC5C5C5C5C5C5C5C5
DATA classifyBytes<>+624(SB)/8, $0xC5C5C5C5C5C5C5C5
DATA classifyBytes<>+632(SB)/8, $0xC5C5C5C5C5C5C5C5
GLOBL classifyBytes<>(SB), RODATA|NOPTR, $640

// CONSTX loads the first eleven constants of classifyBytes to X5 to X15.
#define CONSTX \
	LEAQ  classifyBytes<>(SB), AX \
	MOVOU 0(AX), X5 \
	MOVOU 32(AX), X6 \
	MOVOU 64(AX), X7 \
	MOVOU 96(AX), X8 \
	MOVOU 128(AX), X9 \
	MOVOU 160(AX), X10 \
	MOVOU 192(AX), X11 \
	MOVOU 224(AX), X12 \
	MOVOU 256(AX), X13 \
	MOVOU 288(AX), X14 \
	MOVOU 320(AX), X15

// The macros mark the bytes of X0 (LOAD) each in one register, ORing the 16-bit mask shifted
// left by sh.

// LOAD reads the sixteen bytes at off(SI) into X0, and the byte after each into X1.
#define LOAD(off) \
	MOVOU    off(SI), X0 \
	MOVOU    off+1(SI), X1

// ALPHA marks in R12 the leads of the common two-byte letters: C3 but before 97 and B7, CE
// from 8E but before A2, CF before B0, C4, C5, D0 and D1, each before a continuation byte.
#define ALPHA(sh) \
	MOVO     X1, X2 \
	PCMPEQB  classifyBytes<>+352(SB), X2 \
	MOVO     X1, X3 \
	PCMPEQB  classifyBytes<>+384(SB), X3 \
	POR      X3, X2 \
	MOVO     X0, X3 \
	PCMPEQB  classifyBytes<>+416(SB), X3 \
	PANDN    X3, X2 \
	MOVO     X1, X3 \
	PMAXUB   classifyBytes<>+448(SB), X3 \
	PCMPEQB  X1, X3 \
	MOVO     X1, X4 \
	PCMPEQB  classifyBytes<>+480(SB), X4 \
	PANDN    X3, X4 \
	MOVO     X0, X3 \
	PCMPEQB  classifyBytes<>+512(SB), X3 \
	PAND     X3, X4 \
	POR      X4, X2 \
	MOVO     X1, X3 \
	PMINUB   classifyBytes<>+544(SB), X3 \
	PCMPEQB  X1, X3 \
	MOVO     X0, X4 \
	PCMPEQB  classifyBytes<>+576(SB), X4 \
	PAND     X4, X3 \
	POR      X3, X2 \
	MOVO     X0, X3 \
	POR      X6, X3 \
	MOVO     X3, X4 \
	PCMPEQB  X7, X3 \
	PCMPEQB  classifyBytes<>+608(SB), X4 \
	POR      X4, X3 \
	POR      X3, X2 \
	MOVO     X5, X3 \
	PCMPGTB  X1, X3 \
	PAND     X3, X2 \
	PMOVMSKB X2, AX \
	SHLQ     $sh, AX \
	ORQ      AX, R12

// LEAD marks the leads, 0xC0 and above, in R10.
#define LEAD(sh) \
	MOVO     X0, X1 \
	PMAXUB   X5, X1 \
	PCMPEQB  X0, X1 \
	PMOVMSKB X1, CX \
	SHLQ     $sh, CX \
	ORQ      CX, R10

// WORD marks the bytes "@" and above, and "'", in R8.
#define WORD(sh) \
	MOVO     X0, X1 \
	PMAXUB   X8, X1 \
	PCMPEQB  X0, X1 \
	MOVO     X0, X2 \
	PCMPEQB  X9, X2 \
	POR      X2, X1 \
	PMOVMSKB X1, AX \
	SHLQ     $sh, AX \
	ORQ      AX, R8

// LETTER marks the ASCII letters in R9.
#define LETTER(sh) \
	MOVO     X0, X3 \
	POR      X10, X3 \
	PSUBB    X11, X3 \
	MOVO     X3, X4 \
	PMINUB   X12, X4 \
	PCMPEQB  X3, X4 \
	PMOVMSKB X4, CX \
	SHLQ     $sh, CX \
	ORQ      CX, R9

// DIGIT marks the ASCII digits in R13.
#define DIGIT(sh) \
	MOVO     X0, X1 \
	PSUBB    X13, X1 \
	MOVO     X1, X2 \
	PMINUB   X14, X2 \
	PCMPEQB  X1, X2 \
	PMOVMSKB X2, DX \
	SHLQ     $sh, DX \
	ORQ      DX, R13

// ALNUM marks the ASCII letters and digits in R9.
#define ALNUM(sh) \
	MOVO     X0, X3 \
	POR      X10, X3 \
	PSUBB    X11, X3 \
	MOVO     X3, X4 \
	PMINUB   X12, X4 \
	PCMPEQB  X3, X4 \
	MOVO     X0, X1 \
	PSUBB    X13, X1 \
	MOVO     X1, X2 \
	PMINUB   X14, X2 \
	PCMPEQB  X1, X2 \
	POR      X2, X4 \
	PMOVMSKB X4, CX \
	SHLQ     $sh, CX \
	ORQ      CX, R9

// PLUS marks "+" in DI; it overwrites X0.
#define PLUS(sh) \
	PCMPEQB  X15, X0 \
	PMOVMSKB X0, AX \
	SHLQ     $sh, AX \
	ORQ      AX, DI

// The AVX2 kernels (classifyAVX2) do the same thirty-two bytes an instruction, with VEX's
// three operands, which need no copies: each byte of a constant is broadcast to Y5 to Y15 as
// X5 to X15 hold it, and the others are operands in memory, as for SSE2. The Y
// registers' upper halves are cleared (VZEROUPPER) before returning to code that uses SSE.

// CONSTY broadcasts the first byte of each of the first eleven constants of classifyBytes to
// Y5 to Y15.
#define CONSTY \
	LEAQ         classifyBytes<>(SB), AX \
	VPBROADCASTB 0(AX), Y5 \
	VPBROADCASTB 32(AX), Y6 \
	VPBROADCASTB 64(AX), Y7 \
	VPBROADCASTB 96(AX), Y8 \
	VPBROADCASTB 128(AX), Y9 \
	VPBROADCASTB 160(AX), Y10 \
	VPBROADCASTB 192(AX), Y11 \
	VPBROADCASTB 224(AX), Y12 \
	VPBROADCASTB 256(AX), Y13 \
	VPBROADCASTB 288(AX), Y14 \
	VPBROADCASTB 320(AX), Y15

// LOADY reads the thirty-two bytes at off(SI) into Y0, and the byte after each into Y1.
#define LOADY(off) \
	VMOVDQU off(SI), Y0 \
	VMOVDQU off+1(SI), Y1

// ALPHAY is ALPHA: the leads of the common two-byte letters, in R12.
#define ALPHAY(sh) \
	VPCMPEQB  classifyBytes<>+352(SB), Y1, Y2 \
	VPCMPEQB  classifyBytes<>+384(SB), Y1, Y3 \
	VPOR      Y3, Y2, Y2 \
	VPCMPEQB  classifyBytes<>+416(SB), Y0, Y3 \
	VPANDN    Y3, Y2, Y2 \
	VPMAXUB   classifyBytes<>+448(SB), Y1, Y3 \
	VPCMPEQB  Y1, Y3, Y3 \
	VPCMPEQB  classifyBytes<>+480(SB), Y1, Y4 \
	VPANDN    Y3, Y4, Y4 \
	VPCMPEQB  classifyBytes<>+512(SB), Y0, Y3 \
	VPAND     Y3, Y4, Y4 \
	VPOR      Y4, Y2, Y2 \
	VPMINUB   classifyBytes<>+544(SB), Y1, Y3 \
	VPCMPEQB  Y1, Y3, Y3 \
	VPCMPEQB  classifyBytes<>+576(SB), Y0, Y4 \
	VPAND     Y4, Y3, Y3 \
	VPOR      Y3, Y2, Y2 \
	VPOR      Y6, Y0, Y3 \
	VPCMPEQB  Y7, Y3, Y4 \
	VPCMPEQB  classifyBytes<>+608(SB), Y3, Y3 \
	VPOR      Y4, Y3, Y3 \
	VPOR      Y3, Y2, Y2 \
	VPCMPGTB  Y1, Y5, Y3 \
	VPAND     Y3, Y2, Y2 \
	VPMOVMSKB Y2, AX \
	SHLQ      $sh, AX \
	ORQ       AX, R12

// LEADY is LEAD, in R10.
#define LEADY(sh) \
	VPMAXUB   Y5, Y0, Y2 \
	VPCMPEQB  Y0, Y2, Y2 \
	VPMOVMSKB Y2, CX \
	SHLQ      $sh, CX \
	ORQ       CX, R10

// WORDY is WORD, in R8.
#define WORDY(sh) \
	VPMAXUB   Y8, Y0, Y2 \
	VPCMPEQB  Y0, Y2, Y2 \
	VPCMPEQB  Y9, Y0, Y3 \
	VPOR      Y3, Y2, Y2 \
	VPMOVMSKB Y2, AX \
	SHLQ      $sh, AX \
	ORQ       AX, R8

// LETTERY is LETTER, in R9.
#define LETTERY(sh) \
	VPOR      Y10, Y0, Y3 \
	VPSUBB    Y11, Y3, Y3 \
	VPMINUB   Y12, Y3, Y4 \
	VPCMPEQB  Y3, Y4, Y4 \
	VPMOVMSKB Y4, CX \
	SHLQ      $sh, CX \
	ORQ       CX, R9

// DIGITY is DIGIT, in R13.
#define DIGITY(sh) \
	VPSUBB    Y13, Y0, Y2 \
	VPMINUB   Y14, Y2, Y3 \
	VPCMPEQB  Y2, Y3, Y3 \
	VPMOVMSKB Y3, DX \
	SHLQ      $sh, DX \
	ORQ       DX, R13

// ALNUMY is ALNUM, in R9.
#define ALNUMY(sh) \
	VPOR      Y10, Y0, Y3 \
	VPSUBB    Y11, Y3, Y3 \
	VPMINUB   Y12, Y3, Y4 \
	VPCMPEQB  Y3, Y4, Y4 \
	VPSUBB    Y13, Y0, Y2 \
	VPMINUB   Y14, Y2, Y3 \
	VPCMPEQB  Y2, Y3, Y3 \
	VPOR      Y3, Y4, Y4 \
	VPMOVMSKB Y4, CX \
	SHLQ      $sh, CX \
	ORQ       CX, R9

// PLUSY is PLUS, in DI.
#define PLUSY(sh) \
	VPCMPEQB  Y15, Y0, Y2 \
	VPMOVMSKB Y2, AX \
	SHLQ      $sh, AX \
	ORQ       AX, DI

// func classify64(s string, m *marks)
TEXT ·classify64(SB), NOSPLIT, $0-24
	MOVQ  s_base+0(FP), SI
	CMPB  ·classifyAVX2(SB), $0
	JNE   classify64avx2
	CONSTX
	XORQ  R8, R8
	XORQ  R9, R9
	XORQ  R10, R10
	XORQ  R12, R12
	XORQ  R13, R13
	XORQ  DI, DI
	LOAD(0)
	ALPHA(0)
	LEAD(0)
	WORD(0)
	LETTER(0)
	DIGIT(0)
	PLUS(0)
	LOAD(16)
	ALPHA(16)
	LEAD(16)
	WORD(16)
	LETTER(16)
	DIGIT(16)
	PLUS(16)
	LOAD(32)
	ALPHA(32)
	LEAD(32)
	WORD(32)
	LETTER(32)
	DIGIT(32)
	PLUS(32)
	LOAD(48)
	ALPHA(48)
	LEAD(48)
	WORD(48)
	LETTER(48)
	DIGIT(48)
	PLUS(48)
classify64store:
	MOVQ  m+16(FP), AX
	MOVQ  R8, 0(AX)
	MOVQ  R9, 8(AX)
	MOVQ  R10, 16(AX)
	MOVQ  R12, 24(AX)
	MOVQ  R13, 32(AX)
	MOVQ  DI, 40(AX)
	RET

classify64avx2:
	CONSTY
	XORQ  R8, R8
	XORQ  R9, R9
	XORQ  R10, R10
	XORQ  R12, R12
	XORQ  R13, R13
	XORQ  DI, DI
	LOADY(0)
	ALPHAY(0)
	LEADY(0)
	WORDY(0)
	LETTERY(0)
	DIGITY(0)
	PLUSY(0)
	LOADY(32)
	ALPHAY(32)
	LEADY(32)
	WORDY(32)
	LETTERY(32)
	DIGITY(32)
	PLUSY(32)
	VZEROUPPER
	JMP   classify64store

// func classifyWords64(s string, w *wordMarks)
TEXT ·classifyWords64(SB), NOSPLIT, $0-24
	MOVQ  s_base+0(FP), SI
	CMPB  ·classifyAVX2(SB), $0
	JNE   classifyWords64avx2
	CONSTX
	XORQ  R9, R9
	XORQ  R10, R10
	XORQ  R12, R12
	LOAD(0)
	ALPHA(0)
	LEAD(0)
	ALNUM(0)
	LOAD(16)
	ALPHA(16)
	LEAD(16)
	ALNUM(16)
	LOAD(32)
	ALPHA(32)
	LEAD(32)
	ALNUM(32)
	LOAD(48)
	ALPHA(48)
	LEAD(48)
	ALNUM(48)
classifyWords64store:
	MOVQ  w+16(FP), AX
	MOVQ  R9, 0(AX)
	MOVQ  R10, 8(AX)
	MOVQ  R12, 16(AX)
	RET

classifyWords64avx2:
	CONSTY
	XORQ  R9, R9
	XORQ  R10, R10
	XORQ  R12, R12
	LOADY(0)
	ALPHAY(0)
	LEADY(0)
	ALNUMY(0)
	LOADY(32)
	ALPHAY(32)
	LEADY(32)
	ALNUMY(32)
	VZEROUPPER
	JMP   classifyWords64store

// func equalFold32(s, t string) int
//
// equalFold32 is equalFoldLen over the first min(len(s), len(t)) &^ 31 bytes, thirty-two at
// a time with AVX2: the bytes that differ but for the case bit of an ASCII letter of s are
// found as LETTERY finds the letters. It returns the offset of the first that differs, or
// that length if none does. Only called when classifyAVX2 is set.
TEXT ·equalFold32(SB), NOSPLIT, $0-40
	MOVQ         s_base+0(FP), SI
	MOVQ         s_len+8(FP), CX
	MOVQ         t_base+16(FP), DI
	MOVQ         t_len+24(FP), DX
	CMPQ         DX, CX
	CMOVQLT      DX, CX
	ANDQ         $-32, CX
	XORQ         AX, AX
	LEAQ         classifyBytes<>(SB), BX
	VPBROADCASTB 160(BX), Y1  // 0x20
	VPBROADCASTB 192(BX), Y2  // "a"
	VPBROADCASTB 224(BX), Y3 // 25
	VPXOR        Y0, Y0, Y0
fold32loop:
	CMPQ         AX, CX
	JEQ          fold32done
	VMOVDQU      (SI)(AX*1), Y4
	VMOVDQU      (DI)(AX*1), Y5
	VPXOR        Y4, Y5, Y5
	VPOR         Y1, Y4, Y6
	VPSUBB       Y2, Y6, Y6
	VPMINUB      Y3, Y6, Y7
	VPCMPEQB     Y6, Y7, Y7
	VPAND        Y1, Y7, Y7
	VPANDN       Y5, Y7, Y5
	VPCMPEQB     Y0, Y5, Y5
	VPMOVMSKB    Y5, R8
	NOTL         R8
	TESTL        R8, R8
	JNE          fold32found
	ADDQ         $32, AX
	JMP          fold32loop
fold32found:
	BSFL         R8, R8
	ADDQ         R8, AX
fold32done:
	VZEROUPPER
	MOVQ         AX, ret+32(FP)
	RET

// func markBytesAVX2(s string, dots, ats, brackets *uint64)
//
// markBytesAVX2 marks, for each whole block of 64 bytes of s, its ".", "@" and brackets ("[",
// "(", "{", "<") in one word of each list, comparing 32 bytes an instruction.
TEXT ·markBytesAVX2(SB), NOSPLIT, $0-40
	MOVQ         s_base+0(FP), SI
	MOVQ         s_len+8(FP), CX
	MOVQ         dots+16(FP), R8
	MOVQ         ats+24(FP), R9
	MOVQ         brackets+32(FP), R10
	SHRQ         $6, CX
	LEAQ         markBytesBytes<>(SB), AX
	VPBROADCASTB 0(AX), Y8
	VPBROADCASTB 1(AX), Y9
	VPBROADCASTB 2(AX), Y10
	VPBROADCASTB 3(AX), Y11
	VPBROADCASTB 4(AX), Y12
	VPBROADCASTB 5(AX), Y13
marksloop:
	TESTQ        CX, CX
	JEQ          marksdone
	VMOVDQU      0(SI), Y0
	VMOVDQU      32(SI), Y1
	VPCMPEQB     Y8, Y0, Y2
	VPCMPEQB     Y8, Y1, Y3
	VPMOVMSKB    Y2, AX
	VPMOVMSKB    Y3, BX
	SHLQ         $32, BX
	ORQ          BX, AX
	MOVQ         AX, (R8)
	VPCMPEQB     Y9, Y0, Y2
	VPCMPEQB     Y9, Y1, Y3
	VPMOVMSKB    Y2, AX
	VPMOVMSKB    Y3, BX
	SHLQ         $32, BX
	ORQ          BX, AX
	MOVQ         AX, (R9)
	VPCMPEQB     Y10, Y0, Y2
	VPCMPEQB     Y11, Y0, Y4
	VPOR         Y4, Y2, Y2
	VPCMPEQB     Y12, Y0, Y4
	VPOR         Y4, Y2, Y2
	VPCMPEQB     Y13, Y0, Y4
	VPOR         Y4, Y2, Y2
	VPCMPEQB     Y10, Y1, Y3
	VPCMPEQB     Y11, Y1, Y4
	VPOR         Y4, Y3, Y3
	VPCMPEQB     Y12, Y1, Y4
	VPOR         Y4, Y3, Y3
	VPCMPEQB     Y13, Y1, Y4
	VPOR         Y4, Y3, Y3
	VPMOVMSKB    Y2, AX
	VPMOVMSKB    Y3, BX
	SHLQ         $32, BX
	ORQ          BX, AX
	MOVQ         AX, (R10)
	ADDQ         $64, SI
	ADDQ         $8, R8
	ADDQ         $8, R9
	ADDQ         $8, R10
	DECQ         CX
	JMP          marksloop
marksdone:
	VZEROUPPER
	RET

// The bytes markBytesAVX2 marks: ".", "@", "[", "(", "{", "<".
DATA markBytesBytes<>+0(SB)/8, $0x00003C7B285B402E
GLOBL markBytesBytes<>(SB), RODATA|NOPTR, $8
