// Cases for controlled members reached through reflection on a type the code names (issue 11, section 2).
using System;
using System.Reflection;
using System.Runtime.Loader;
using LLama;
using LLama.Common;
using Microsoft.ML.OnnxRuntime;
using W = LLama.LLamaWeights;

namespace Cases.Reflection;

class Members
{
    void ByName()
    {
        var load = typeof(LLamaWeights).GetMethod("LoadFromFile"); // exl-expect: EXL-W-LLAMA
        var byNameOf = typeof(LLamaWeights).GetMethod(nameof(LLamaWeights.LoadFromFile)); // exl-expect: EXL-W-LLAMA
        var aliased = typeof(W).GetMethod("LoadFromFileAsync", BindingFlags.Public | BindingFlags.Static); // exl-expect: EXL-W-LLAMA
        var declared = typeof(LLamaWeights).GetTypeInfo().GetDeclaredMethod("LoadFromFile"); // exl-expect: EXL-W-LLAMA
        var all = typeof(LLamaWeights).GetMember("LoadFromFile"); // exl-expect: EXL-W-LLAMA
        var gpu = typeof(ModelParams).GetProperty("GpuLayerCount"); // exl-expect: EXL-G-LLAMA-GPU
        var ctor = typeof(InferenceSession).GetConstructor([typeof(string)]); // exl-expect: EXL-W-ONNX
        const string name = "LoadFromFile";
        var throughConst = typeof(LLamaWeights).GetMethod(name); // exl-expect: EXL-W-LLAMA
        Type type = typeof(LLamaWeights);
        var throughLocal = type.GetMethod("LoadFromFile"); // exl-expect: EXL-W-LLAMA
        var member = true ? "LoadFromFile" : "CreateContext";
        var throughTernary = typeof(LLamaWeights).GetMethod(member); // exl-expect: EXL-W-LLAMA

        // Near misses: the same name on a type the list does not name, a member that is not controlled, no name.
        var unrelated = typeof(Unrelated).GetMethod("LoadFromFile"); // exl-ok: EXL-W-LLAMA
        var context = typeof(LLamaWeights).GetMethod("CreateContext"); // exl-ok: EXL-W-LLAMA
        var methods = typeof(LLamaWeights).GetMethods(); // exl-ok: EXL-W-LLAMA
        var size = typeof(ModelParams).GetProperty("ContextSize"); // exl-ok: EXL-G-LLAMA-GPU
    }

    void Delegates()
    {
        var d = Delegate.CreateDelegate(typeof(Func<LLama.Abstractions.IModelParams, LLamaWeights>), typeof(LLamaWeights), "LoadFromFile", false, false); // exl-expect: EXL-W-LLAMA
        var quiet = Delegate.CreateDelegate(typeof(Action), typeof(Unrelated), "LoadFromFile"); // exl-ok: EXL-W-LLAMA
    }

    void Instances(byte[] model)
    {
        var session = Activator.CreateInstance(typeof(InferenceSession), model); // exl-expect: EXL-W-ONNX
        var generic = Activator.CreateInstance<OrtCUDAProviderOptions>(); // exl-expect: EXL-G-ORT-EP
        var plain = Activator.CreateInstance<ModelParamsHolder>(); // exl-ok: EXL-W-ONNX
        var other = Activator.CreateInstance(typeof(Unrelated)); // exl-ok: EXL-W-ONNX
    }

    void Assemblies()
    {
        Assembly.Load(new AssemblyName("TorchSharp")); // exl-expect: EXL-W-TORCH
        var name = new AssemblyName { Name = "Microsoft.ML.OnnxRuntime" };
        Assembly.Load(name); // exl-expect: EXL-W-ONNX
        AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("LLamaSharp, Version=0.30.0.0")); // exl-expect: EXL-W-LLAMA
        AppDomain.CurrentDomain.Load(new AssemblyName("TorchSharp")); // exl-expect: EXL-W-TORCH
        Assembly.Load(new AssemblyName("System.Text.Json")); // exl-ok: EXL-W-TORCH
        AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Newtonsoft.Json")); // exl-ok: EXL-W-LLAMA
    }
}

class Unrelated
{
    public static void LoadFromFile() { }
}

class ModelParamsHolder { }
