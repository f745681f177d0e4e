// Cases for the OllamaSharp entries.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace Cases.OllamaSharp;

class Models
{
    async Task Pull(OllamaApiClient client, IOllamaApiClient api)
    {
        await foreach (var status in client.PullModelAsync("llama3.2")) { } // exl-expect: EXL-W-OLLAMA
        await foreach (var status in api.PullModelAsync(new PullModelRequest { Model = "llama3.2" })) { } // exl-expect: EXL-W-OLLAMA
        await foreach (var status in api.CreateModelAsync(new CreateModelRequest { Model = "mine", From = "llama3.2" })) { } // exl-expect: EXL-W-OLLAMA
        await foreach (var status in client.PushModelAsync("registry.example/mine:latest")) { } // exl-expect: EXL-W-OLLAMA-PUSH
        var models = await client.ListLocalModelsAsync(); // exl-ok: EXL-W-OLLAMA, EXL-W-OLLAMA-PUSH, EXL-W-OLLAMA-CHAT
    }

    RequestOptions Options() => new()
    {
        NumGpu = 99, // exl-expect: EXL-G-OLLAMA-GPU
        MainGpu = 0, // exl-expect: EXL-G-OLLAMA-GPU
        Temperature = 0.2f, // exl-ok: EXL-G-OLLAMA-GPU
    };
}

class Inference
{
    // OllamaSharp is also Microsoft.Extensions.AI's Ollama client: that use shows where the client is made.
    IChatClient ChatClient() => new OllamaApiClient(new Uri("http://localhost:11434"), "llama3.2"); // exl-expect: EXL-W-OLLAMA-CHAT

    async Task Ask(OllamaApiClient client, IOllamaApiClient api, IChatClient chat)
    {
        await foreach (var part in api.ChatAsync(new ChatRequest { Model = "llama3.2" })) { } // exl-expect: EXL-W-OLLAMA-CHAT
        await foreach (var part in api.GenerateAsync("Why is the sky blue?")) { } // exl-expect: EXL-W-OLLAMA-CHAT
        await foreach (var part in client.GenerateAsync(new GenerateRequest { Prompt = "Why?" })) { } // exl-expect: EXL-W-OLLAMA-CHAT
        var vectors = await api.EmbedAsync("hello"); // exl-expect: EXL-W-OLLAMA-CHAT
        var conversation = new Chat(client, "You are terse."); // exl-expect: EXL-W-OLLAMA-CHAT
        var running = await api.IsRunningAsync(); // exl-ok: EXL-W-OLLAMA-CHAT
        // A call through the abstraction names no Ollama API: the client behind it may be a cloud one.
        var answer = await chat.GetResponseAsync(new List<Microsoft.Extensions.AI.ChatMessage> { new(Microsoft.Extensions.AI.ChatRole.User, "hi") }); // exl-ok: EXL-W-OLLAMA-CHAT
        var mine = new Mine.OllamaApiClient(); // exl-ok: EXL-W-OLLAMA-CHAT
        await mine.ChatAsync("hi"); // exl-ok: EXL-W-OLLAMA-CHAT
    }
}

// A type of the user's own with the same names: not OllamaSharp's.
static class Mine
{
    public class OllamaApiClient
    {
        public Task ChatAsync(string prompt) => Task.CompletedTask;
    }
}
