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
}
