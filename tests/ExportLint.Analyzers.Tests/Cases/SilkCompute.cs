// Cases for OpenCL and Vulkan compute through Silk.NET.
using Silk.NET.OpenCL;
using Silk.NET.Vulkan;

namespace Cases.SilkCompute;

unsafe class Kernels
{
    void OpenCl(CL cl, nint queue, nint kernel, nuint* global)
    {
        cl.EnqueueNdrangeKernel(queue, kernel, 1, null, global, null, 0, null, null); // exl-expect: EXL-G-OPENCL-VULKAN
        cl.Finish(queue); // exl-ok: EXL-G-OPENCL-VULKAN
    }

    void Vulkan(Vk vk, CommandBuffer commands)
    {
        vk.CmdDispatch(commands, 64, 1, 1); // exl-expect: EXL-G-OPENCL-VULKAN
        vk.CmdDraw(commands, 3, 1, 0, 0); // exl-ok: EXL-G-OPENCL-VULKAN
    }
}
