// Cases for CUDA device names given as strings (TorchSharp's torch.device and Tensor.to take them).
using TorchSharp;
using static TorchSharp.torch;

namespace Cases.TorchSharpDevices;

class Devices
{
    void Move(Tensor input)
    {
        var gpu = torch.device("cuda:1"); // exl-expect: EXL-G-CUDA-DEVICE
        var moved = input.to("cuda"); // exl-expect: EXL-G-CUDA-DEVICE
        var cpu = torch.device("cpu"); // exl-ok: EXL-G-CUDA-DEVICE
        System.Console.WriteLine("cuda is not available, using the CPU"); // exl-ok: EXL-G-CUDA-DEVICE
    }
}
