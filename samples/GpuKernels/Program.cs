// Doubles a buffer of numbers on the best accelerator the machine has, and says how many CUDA GPUs it saw.
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

using var context = Context.CreateDefault();
var device = context.GetPreferredDevice(preferCPU: false);
using var accelerator = device.CreateAccelerator(context);

var kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>>(Twice);
using var buffer = accelerator.Allocate1D(Enumerable.Range(0, 1024).Select(i => (float)i).ToArray());
kernel((int)buffer.Length, buffer.View);
accelerator.Synchronize();

var result = buffer.GetAsArray1D();
Console.WriteLine($"{device.Name}: result[10] = {result[10]}; CUDA devices: {CudaRuntime.DeviceCount()}");

static void Twice(Index1D index, ArrayView<float> data) => data[index] *= 2f;

internal static class CudaRuntime
{
    [DllImport("cudart64_12", EntryPoint = "cudaGetDeviceCount")]
    private static extern int GetDeviceCount(out int count);

    public static int DeviceCount()
    {
        try
        {
            return GetDeviceCount(out var count) == 0 ? count : 0;
        }
        catch (DllNotFoundException)
        {
            return 0;
        }
    }
}
