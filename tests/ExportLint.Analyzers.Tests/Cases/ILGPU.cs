// Cases for the ILGPU entry.
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Cases.ILGPU;

class Kernels
{
    void Run()
    {
        using var context = Context.Create(builder => builder.Cuda()); // exl-expect: EXL-G-ILGPU
        using var accelerator = context.CreateCudaAccelerator(0); // exl-expect: EXL-G-ILGPU
        var device = context.GetCudaDevice(0); // exl-ok: EXL-G-ILGPU
        using var viaDevice = device.CreateCudaAccelerator(context); // exl-expect: EXL-G-ILGPU
        // A member CudaAccelerator inherits from Accelerator is Accelerator's: the creation above is the finding.
        var warp = accelerator.WarpSize; // exl-ok: EXL-G-ILGPU
        var driver = accelerator.DriverVersion; // exl-expect: EXL-G-ILGPU
        using var cpu = Context.Create(builder => builder.CPU()); // exl-ok: EXL-G-ILGPU
        using var cpuAccelerator = cpu.CreateCPUAccelerator(0); // exl-ok: EXL-G-ILGPU
    }
}
