// Cases for the OllamaSharp entries.
using System.Threading.Tasks;
using OllamaSharp;
using OllamaSharp.Models;

namespace Cases.OllamaSharp;

class Models
{
    async Task Pull(OllamaApiClient client, IOllamaApiClient api)
    {
        await foreach (var status in client.PullModelAsync("llama3.2")) { } // exl-expect: EXL-W-OLLAMA
        await foreach (var status in api.PullModelAsync(new PullModelRequest { Model = "llama3.2" })) { } // exl-expect: EXL-W-OLLAMA
        await foreach (var status in api.CreateModelAsync(new CreateModelRequest { Model = "mine", From = "llama3.2" })) { } // exl-expect: EXL-W-OLLAMA
        await foreach (var status in client.PushModelAsync("registry.example/mine:latest")) { } // exl-expect: EXL-W-OLLAMA-PUSH
        var models = await client.ListLocalModelsAsync(); // exl-ok: EXL-W-OLLAMA, EXL-W-OLLAMA-PUSH
    }

    RequestOptions Options() => new()
    {
        NumGpu = 99, // exl-expect: EXL-G-OLLAMA-GPU
        MainGpu = 0, // exl-expect: EXL-G-OLLAMA-GPU
        Temperature = 0.2f, // exl-ok: EXL-G-OLLAMA-GPU
    };
}
