/* SPDX-License-Identifier: ISC
 * What the two .qdpx harnesses share: one archive through the reader with
 * the invariants checked (fuzz_qdpx_common.c). Harness code only.
 */
#ifndef UF_FUZZ_QDPX_H
#define UF_FUZZ_QDPX_H
#include <stddef.h>
#include <stdint.h>

void fuzz_qdpx_run(const uint8_t *zip, size_t len);

#endif
