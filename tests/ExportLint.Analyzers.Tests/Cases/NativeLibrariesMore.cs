// Cases for the native-library entries added for issue 11: cuDNN 9's split libraries through a glob, the rest of
// CUDA, other vendors' GPU libraries and Huawei's CANN.
using System.Runtime.InteropServices;

namespace Cases.NativeLibrariesMore;

static class Interop
{
    [DllImport("cudnn_ops64_9.dll")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int cudnnOpsVersionCheck();

    [DllImport("libcudnn_ops_infer.so.8")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int cudnnOpsInferVersionCheck();

    [DllImport("cufft64_11.dll")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int cufftPlan1d(out int plan, int nx, int type, int batch);

    [DllImport("libnvJitLink.so.12")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int nvJitLinkVersion(out uint major, out uint minor);

    [DllImport("ggml-cuda.dll")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int ggml_backend_cuda_get_device_count();

    [DllImport("onnxruntime_providers_cuda")] // exl-expect: EXL-N-GPU-LIBS
    public static extern int GetProvider();

    [DllImport("libtorch_cuda.so")] // exl-expect: EXL-N-GPU-LIBS
    public static extern void TorchCuda();

    [DllImport("cufile_helper_not_cuda")] // exl-ok: EXL-N-GPU-LIBS
    public static extern int Helper();

    [DllImport("libhipblas.so.2")] // exl-expect: EXL-N-GPU-LIBS-OTHER
    public static extern int hipblasCreate(out nint handle);

    [DllImport("OpenCL.dll")] // exl-expect: EXL-N-GPU-LIBS-OTHER
    public static extern int clGetPlatformIDs(uint entries, nint platforms, out uint count);

    [DllImport("vulkan-1.dll")] // exl-expect: EXL-N-GPU-LIBS-OTHER
    public static extern int vkEnumerateInstanceVersion(out uint version);

    [DllImport("DirectML.dll")] // exl-expect: EXL-N-GPU-LIBS-OTHER
    public static extern int DMLCreateDevice(nint device, int flags, ref System.Guid riid, out nint dmlDevice);

    [DllImport("openvino_c")] // exl-expect: EXL-N-GPU-LIBS-OTHER
    public static extern int ov_core_create(out nint core);

    [DllImport("libggml-vulkan.so")] // exl-expect: EXL-N-GPU-LIBS-OTHER
    public static extern int ggml_backend_vk_get_device_count();

    [DllImport("libz.so.1")] // exl-ok: EXL-N-GPU-LIBS-OTHER
    public static extern nint zlibVersion();

    [DllImport("libascendcl.so")] // exl-expect: EAR-GP10-ASCEND-NATIVE
    public static extern int aclInit(string? configPath);

    [DllImport("libaclnn_ops_infer.so")] // exl-expect: EAR-GP10-ASCEND-NATIVE
    public static extern int aclnnAddGetWorkspaceSize();

    [DllImport("libacme_acl_tools.so")] // exl-ok: EAR-GP10-ASCEND-NATIVE
    public static extern int Tools();
}

class Providers
{
    string Ascend() => "CANNExecutionProvider"; // exl-expect: EAR-GP10-ASCEND-COMPUTE

    string Cpu() => "CPUExecutionProvider"; // exl-ok: EAR-GP10-ASCEND-COMPUTE
}
