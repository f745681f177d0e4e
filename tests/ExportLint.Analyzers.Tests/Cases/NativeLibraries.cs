// Cases for the native GPU library entry.
using System.Runtime.InteropServices;

namespace Cases.NativeLibraries;

static partial class Interop
{
    [DllImport("cudart64_12.dll")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int cudaGetDeviceCount(out int count);

    [DllImport("libnvidia-ml.so.1")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int nvmlInit_v2();

    [LibraryImport("amdhip64_6")] // exl-expect: EXL-N-GPU-LIBS
    public static partial int hipGetDeviceCount(out int count);

    [DllImport("kernel32")] // exl-ok: EXL-N-GPU-LIBS
    public static extern int GetTickCount();

    [DllImport("libcuda_helpers_not_a_gpu_lib.so")] // exl-ok: EXL-N-GPU-LIBS
    public static extern int Helper();

    static nint Load() => NativeLibrary.Load("libcudnn.so.9"); // exl-expect: EXL-N-GPU-LIBS

    static bool TryLoad(out nint handle) => NativeLibrary.TryLoad("libssl.so.3", out handle); // exl-ok: EXL-N-GPU-LIBS

    // What the LibraryImport source generator writes (no generator runs in the tests).
    public static partial int hipGetDeviceCount(out int count) { count = 0; return 0; }
}
