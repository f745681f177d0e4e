// Cases for constants that reach a controlled use other than as one literal (issue 11, section 2).
using System;
using System.Collections.Generic;
using System.IO;
using k8s.Models;

namespace Cases.Strings;

static class Keys
{
    public const string Gpu = "nvidia.com/gpu"; // exl-expect: EXL-C-K8S-GPU
    public static readonly string AmdGpu = "amd.com/gpu"; // exl-expect: EXL-C-K8S-GPU
    public static readonly string Cpu = "cpu";
    public const string ModelFolder = "models";
    public static readonly string WeightsName = "llama-3-8b.gguf";
}

class Resources
{
    V1ResourceRequirements Requirements(ResourceQuantity one) => new()
    {
        Limits = new Dictionary<string, ResourceQuantity>
        {
            // A GPU resource used through a constant declared elsewhere is reported at the use too.
            [Keys.Gpu] = one, // exl-expect: EXL-C-K8S-GPU
            [Keys.AmdGpu] = one, // exl-expect: EXL-C-K8S-GPU
            [Keys.Cpu] = one, // exl-ok: EXL-C-K8S-GPU
        },
    };

    void Add(IDictionary<string, ResourceQuantity> limits, ResourceQuantity one)
    {
        limits.Add(Keys.Gpu, one); // exl-expect: EXL-C-K8S-GPU
        Console.WriteLine(Keys.Gpu); // exl-ok: EXL-C-K8S-GPU
    }

    ReadOnlySpan<byte> Utf8() => "nvidia.com/gpu"u8; // exl-expect: EXL-C-K8S-GPU

    ReadOnlySpan<byte> Utf8Quiet() => "nvidia.com/gpu-operator docs"u8; // exl-ok: EXL-C-K8S-GPU
}

class Manifests
{
    // exl-expect: EXL-C-K8S-GPU
    const string Pod = """
        apiVersion: v1
        kind: Pod
        spec:
          containers:
            - name: trainer
              resources:
                limits:
                  nvidia.com/gpu: 8
        """;

    // exl-expect: EXL-C-K8S-GPU
    string Json() => "{\"spec\":{\"containers\":[{\"resources\":{\"limits\":{\"amd.com/gpu\":\"1\"}}}]}}";

    // exl-expect: EXL-C-SLURM-GPU
    string Script() => @"#!/bin/bash
#SBATCH --job-name=train
#SBATCH --gres=gpu:a100:4
srun python train.py";

    // exl-ok: EXL-C-K8S-GPU
    const string CpuPod = """
        apiVersion: v1
        kind: Pod
        spec:
          containers:
            - name: web
              resources:
                limits:
                  cpu: 2
                  memory: 4Gi
        """;

    // exl-ok: EXL-C-K8S-GPU
    string Log(int n) => $"""
        Scheduled {n} pods; see https://docs.example.com/nvidia.com/gpu for why cuda nodes are tainted.
        """;

    string Message() => "pods request nvidia.com/gpu through limits"; // exl-ok: EXL-C-K8S-GPU
}

class Paths
{
    static readonly string Weights = "weights/llama-3-8b.gguf";
    const string Folder = "models";

    void Open(string root)
    {
        File.OpenRead(Path.Combine(root, Folder, "llama-3-8b.gguf")); // exl-expect: EXL-F-WEIGHTS
        File.OpenRead(Path.Join(Keys.ModelFolder, Keys.WeightsName)); // exl-expect: EXL-F-WEIGHTS
        File.OpenRead(Weights); // exl-expect: EXL-F-WEIGHTS
        File.ReadAllBytes($"{root}/{Folder}/encoder.onnx"); // exl-expect: EXL-F-WEIGHTS
        var name = "phi-3.safetensors";
        using var stream = new FileStream(Path.Combine(root, name), FileMode.Open); // exl-expect: EXL-F-WEIGHTS
        File.ReadAllText(Path.Combine(root, "i18n", "messages.pt")); // exl-ok: EXL-F-WEIGHTS
        Console.WriteLine(Path.Combine(root, "llama-3-8b.gguf")); // exl-ok: EXL-F-WEIGHTS
    }
}
