// Cases for the TorchSharp and TorchSharp.PyBridge entries.
using System.Collections.Generic;
using System.IO;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Cases.TorchSharp;

class Net : nn.Module<Tensor, Tensor>
{
    public Net() : base("net") { }

    public override Tensor forward(Tensor x) => x;

    public void Restore(string path) => load(path); // exl-expect: EXL-W-TORCH
}

class Weights
{
    void Load(string path, Net net, Tensor t, BinaryReader reader)
    {
        var a = torch.load(path); // exl-expect: EXL-W-TORCH
        var s = jit.load(path); // exl-expect: EXL-W-TORCH
        net.load(path); // exl-expect: EXL-W-TORCH
        net.load_state_dict(new Dictionary<string, Tensor>()); // exl-expect: EXL-W-TORCH
        var b = Tensor.Load(path); // exl-expect: EXL-W-TORCH
        t.Load(reader); // exl-expect: EXL-W-TORCH
        var z = torch.zeros(3); // exl-ok: EXL-W-TORCH, EXL-G-TORCH-CUDA
        net.state_dict(); // exl-ok: EXL-W-TORCH
    }

    void Save(string path, Net net, Tensor t, jit.ScriptModule script)
    {
        torch.save(t, path); // exl-expect: EXL-W-TORCH-SAVE
        jit.save(script, path); // exl-expect: EXL-W-TORCH-SAVE
        net.save(path); // exl-expect: EXL-W-TORCH-SAVE
        t.save(path); // exl-expect: EXL-W-TORCH-SAVE
        net.save_py(path); // exl-expect: EXL-W-TORCH-SAVE
        net.save_safetensors(path); // exl-expect: EXL-W-TORCH-SAVE
        Safetensors.SaveStateDict(path, new Dictionary<string, Tensor>()); // exl-expect: EXL-W-TORCH-SAVE
        var copy = t.clone(); // exl-ok: EXL-W-TORCH-SAVE
    }

    void PyBridge(string path, Net net)
    {
        net.load_py(path); // exl-expect: EXL-W-TORCH-PYBRIDGE
        PyBridgeModuleExtensions.load_safetensors(net, path); // exl-expect: EXL-W-TORCH-PYBRIDGE
        net.load_checkpoint(path); // exl-expect: EXL-W-TORCH-PYBRIDGE
        var dict = Safetensors.LoadStateDict(path); // exl-expect: EXL-W-TORCH-PYBRIDGE
        var pickled = PyTorchUnpickler.UnpickleStateDict(path); // exl-expect: EXL-W-TORCH-PYBRIDGE
        net.train(); // exl-ok: EXL-W-TORCH-PYBRIDGE
    }

    void Cuda(Net net, Tensor t)
    {
        if (torch.cuda.is_available()) { } // exl-expect: EXL-G-TORCH-CUDA
        var count = cuda.device_count(); // exl-expect: EXL-G-TORCH-CUDA
        var ok = torch.cuda_is_available(); // exl-expect: EXL-G-TORCH-CUDA
        var device = torch.CUDA; // exl-expect: EXL-G-TORCH-CUDA
        var g = t.cuda(); // exl-expect: EXL-G-TORCH-CUDA
        net.cuda(); // exl-expect: EXL-G-TORCH-CUDA
        var kind = DeviceType.CUDA; // exl-expect: EXL-G-TORCH-CUDA
        torch.backends.cuda.enable_flash_sdp(true); // exl-expect: EXL-G-TORCH-CUDA
        var c = t.cpu(); // exl-ok: EXL-G-TORCH-CUDA
        var cpu = DeviceType.CPU; // exl-ok: EXL-G-TORCH-CUDA
    }

    // The device by name: "cuda" means a GPU only where a device is asked for.
    void CudaByName(Net net, Tensor t, int rank, bool fast, string fromConfig)
    {
        var d0 = torch.device("cuda"); // exl-expect: EXL-G-TORCH-CUDA
        var d1 = torch.device("cuda:1"); // exl-expect: EXL-G-TORCH-CUDA
        var d2 = torch.device("cuda", 0); // exl-expect: EXL-G-TORCH-CUDA
        var d3 = new Device("CUDA:0"); // exl-expect: EXL-G-TORCH-CUDA
        var g = t.to("cuda"); // exl-expect: EXL-G-TORCH-CUDA
        net.to("cuda:0"); // exl-expect: EXL-G-TORCH-CUDA
        var name = "cuda";
        var g2 = t.to(name); // exl-expect: EXL-G-TORCH-CUDA
        var z = torch.zeros(3, device: "cuda"); // exl-expect: EXL-G-TORCH-CUDA
        var r = torch.ones(3, device: $"cuda:{rank}"); // exl-expect: EXL-G-TORCH-CUDA
        Device d4 = "cuda:" + rank; // exl-expect: EXL-G-TORCH-CUDA
        var chosen = fast ? "cuda" : "cpu";
        var g3 = t.to(chosen); // exl-expect: EXL-G-TORCH-CUDA
        const string Gpu = "cuda:2";
        var d5 = (Device)Gpu; // exl-expect: EXL-G-TORCH-CUDA
        torch.set_default_device("cuda"); // exl-expect: EXL-G-TORCH-CUDA
        var d6 = torch.device(fast ? "cuda:0" : fromConfig); // exl-expect: EXL-G-TORCH-CUDA
        var d7 = t.to(DeviceSettings.Gpu); // exl-expect: EXL-G-TORCH-CUDA
        var d8 = t.to(DeviceSettings.Cpu); // exl-ok: EXL-G-TORCH-CUDA

        var c0 = torch.device("cpu"); // exl-ok: EXL-G-TORCH-CUDA
        var c1 = t.to("cpu"); // exl-ok: EXL-G-TORCH-CUDA
        var c2 = t.to(fromConfig); // exl-ok: EXL-G-TORCH-CUDA
        System.Console.WriteLine("cuda"); // exl-ok: EXL-G-TORCH-CUDA
        System.Console.WriteLine(name); // exl-ok: EXL-G-TORCH-CUDA
        var logged = "running on cuda:0"; // exl-ok: EXL-G-TORCH-CUDA
        var table = new Dictionary<string, int> { ["cuda"] = 1 }; // exl-ok: EXL-G-TORCH-CUDA
        var other = NotTorch.device("cuda"); // exl-ok: EXL-G-TORCH-CUDA
        var cudnn = torch.device("cudnn"); // exl-ok: EXL-G-TORCH-CUDA
        System.Diagnostics.Process.Start("sh", "-c \"echo building for cuda\""); // exl-ok: EXL-G-TORCH-CUDA
    }
}

// A method of the same name on a type that is not TorchSharp's: not a device.
static class NotTorch
{
    public static string device(string name) => name;
}

// A device name kept in another class's static readonly field, the way settings are: followed to its initializer.
static class DeviceSettings
{
    public static readonly string Gpu = "cuda:" + 0;
    public static readonly string Cpu = "cpu";
}
