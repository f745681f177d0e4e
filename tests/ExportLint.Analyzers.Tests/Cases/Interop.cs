// Cases for native GPU libraries bound in the ways the first cases did not cover (issue 11, section 2).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Cases.Interop;

static partial class Cuda
{
    // A blittable and a non-blittable LibraryImport: each is reported once, at the user's declaration.
    [LibraryImport("libcudart.so.12")] // exl-expect: EXL-N-GPU-LIBS
    public static partial int cudaGetDeviceCount(out int count);

    [LibraryImport("libcudart.so.12", StringMarshalling = StringMarshalling.Utf8)] // exl-expect: EXL-N-GPU-LIBS
    public static partial int cudaSetDeviceName(string name);

    [LibraryImport("libssl.so.3", StringMarshalling = StringMarshalling.Utf8)] // exl-ok: EXL-N-GPU-LIBS
    public static partial int SSL_load(string name);
}

// What the LibraryImport generator writes for them (no generator runs in the tests): a DllImport on an extern
// partial for the blittable one, a DllImport on a local function for the other. Neither is the user's site.
static unsafe partial class Cuda
{
    [System.CodeDom.Compiler.GeneratedCode("Microsoft.Interop.LibraryImportGenerator", "10.0.0")]
    [DllImport("libcudart.so.12", EntryPoint = "cudaGetDeviceCount", ExactSpelling = true)] // exl-ok: EXL-N-GPU-LIBS
    public static extern partial int cudaGetDeviceCount(out int count);

    [System.CodeDom.Compiler.GeneratedCode("Microsoft.Interop.LibraryImportGenerator", "10.0.0")]
    public static partial int cudaSetDeviceName(string name)
    {
        return __PInvoke(null);

        [DllImport("libcudart.so.12", EntryPoint = "cudaSetDeviceName", ExactSpelling = true)] // exl-ok: EXL-N-GPU-LIBS
        static extern unsafe int __PInvoke(byte* __name_native);
    }

    [System.CodeDom.Compiler.GeneratedCode("Microsoft.Interop.LibraryImportGenerator", "10.0.0")]
    public static partial int SSL_load(string name) => 0;
}

static class Loading
{
    static readonly string CudaRuntime = "libcudart.so.12";
    static readonly string Ssl = "libssl.so.3";
    const string CudaFolder = "/usr/local/cuda/lib64";

    static int LocalFunction()
    {
        return Count(out _);

        [DllImport("libcudart.so.12", EntryPoint = "cudaGetDeviceCount")] // exl-expect: EXL-N-GPU-LIBS
        static extern int Count(out int count);
    }

    static int QuietLocalFunction()
    {
        return Tick();

        [DllImport("libc", EntryPoint = "getpid")] // exl-ok: EXL-N-GPU-LIBS
        static extern int Tick();
    }

    [DllImport("libc")] // exl-ok: EXL-N-GPU-LIBS
    static extern IntPtr dlopen(string file, int mode);

    [DllImport("kernel32", CharSet = CharSet.Unicode)] // exl-ok: EXL-N-GPU-LIBS
    static extern IntPtr LoadLibraryW(string file);

    static void Load(string? configured, string folder)
    {
        dlopen("libcudart.so.12", 2); // exl-expect: EXL-N-GPU-LIBS
        LoadLibraryW("nvcuda.dll"); // exl-expect: EXL-N-GPU-LIBS
        dlopen("libssl.so.3", 2); // exl-ok: EXL-N-GPU-LIBS
        NativeLibrary.Load(CudaRuntime); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load(configured ?? "libcudnn.so.9"); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load("libcudnn_ops_infer.so.8"); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load("cudnn_ops64_9.dll"); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load(Path.Combine(CudaFolder, "libcublas.so.12")); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load(Path.Join(folder, "libnccl.so.2")); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load($"{folder}/libnvinfer.so.10"); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load(folder + "/libcudart.so." + 12); // exl-expect: EXL-N-GPU-LIBS
        var library = OperatingSystem.IsWindows() ? "cudart64_12.dll" : "libcudart.so.12";
        NativeLibrary.TryLoad(library, out _); // exl-expect: EXL-N-GPU-LIBS
        NativeLibrary.Load(Ssl); // exl-ok: EXL-N-GPU-LIBS
        NativeLibrary.Load(configured ?? "libssl.so.3"); // exl-ok: EXL-N-GPU-LIBS
        NativeLibrary.Load(Path.Combine(folder, "libcuda_helpers_not_a_gpu_lib.so")); // exl-ok: EXL-N-GPU-LIBS
        var chosen = "libz.so.1";
        if (configured is null)
        {
            chosen = "libcudart.so.12";
        }

        NativeLibrary.Load(chosen); // exl-expect: EXL-N-GPU-LIBS
    }
}
