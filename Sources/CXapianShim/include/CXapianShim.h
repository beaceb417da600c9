#ifndef CXAPIANSHIM_H
#define CXAPIANSHIM_H
/* placeholder; replaced by the real API */
#ifdef __cplusplus
#define CX_NOEXCEPT noexcept
extern "C" {
#else
#define CX_NOEXCEPT
#endif
int cx_version_major(void) CX_NOEXCEPT;
#ifdef __cplusplus
}
#endif
#endif
