/*
 * TEST ONLY, never shipped: a stand-in for Windows' bcryptprimitives.dll for
 * Wine 8, which lacks it. Rust's standard library takes random bytes from
 * ProcessPrng in bcryptprimitives.dll (Windows 10 and later have it); under
 * Wine 8 the program would not start. This forwards ProcessPrng to
 * RtlGenRandom (SystemFunction036 in advapi32.dll), which Wine has.
 * .ci/windows.sh builds it with mingw and copies it into the throw-away Wine
 * prefix's system32. The MSI never contains it.
 */
#include <windows.h>

typedef BOOLEAN(WINAPI *gen_random_fn)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    static gen_random_fn gen;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi)
            return FALSE;
        gen = (gen_random_fn)(void *)GetProcAddress(advapi, "SystemFunction036");
        if (!gen)
            return FALSE;
    }
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!gen(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
