// Cases for ILGPU's common idiom (every accelerator, the preferred device) and its OpenCL accelerators.
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.OpenCL;

namespace Cases.ILGPUAccelerators;

class Idiom
{
    void Run()
    {
        using var context = Context.CreateDefault(); // exl-expect: EXL-G-ILGPU-ACCELERATORS
        var device = context.GetPreferredDevice(preferCPU: false); // exl-expect: EXL-G-ILGPU-ACCELERATORS
        using var accelerator = device.CreateAccelerator(context); // exl-expect: EXL-G-ILGPU-ACCELERATORS
        using var all = Context.Create(builder => builder.AllAccelerators()); // exl-expect: EXL-G-ILGPU-ACCELERATORS
        using var opencl = Context.Create(builder => builder.OpenCL()); // exl-expect: EXL-G-ILGPU-ACCELERATORS
        using var clAccelerator = opencl.CreateCLAccelerator(0); // exl-expect: EXL-G-ILGPU-ACCELERATORS
        using var cpu = Context.Create(builder => builder.CPU()); // exl-ok: EXL-G-ILGPU-ACCELERATORS
        using var cpuAccelerator = cpu.CreateCPUAccelerator(0); // exl-ok: EXL-G-ILGPU-ACCELERATORS
        var name = accelerator.Name; // exl-ok: EXL-G-ILGPU-ACCELERATORS
    }
}
