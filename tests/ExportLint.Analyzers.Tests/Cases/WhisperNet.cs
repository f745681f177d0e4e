// Cases for the Whisper.net entries.
using System.IO;
using System.Threading.Tasks;
using Whisper.net;
using Whisper.net.Ggml;

namespace Cases.WhisperNet;

class Speech
{
    async Task Load(string path, byte[] buffer)
    {
        using var fromPath = WhisperFactory.FromPath(path); // exl-expect: EXL-W-WHISPER
        using var fromBuffer = WhisperFactory.FromBuffer(buffer); // exl-expect: EXL-W-WHISPER
        using Stream model = await WhisperGgmlDownloader.Default.GetGgmlModelAsync(GgmlType.Base); // exl-expect: EXL-W-WHISPER
        var languages = WhisperFactory.GetSupportedLanguages(); // exl-ok: EXL-W-WHISPER
        using var processor = fromPath.CreateBuilder().WithLanguage("en").Build(); // exl-ok: EXL-W-WHISPER
    }

    void Gpu(string path)
    {
        var options = new WhisperFactoryOptions
        {
            UseGpu = true, // exl-expect: EXL-G-WHISPER-GPU
            GpuDevice = 1, // exl-expect: EXL-G-WHISPER-GPU
            UseFlashAttention = true, // exl-ok: EXL-G-WHISPER-GPU
        };
        using var factory = WhisperFactory.FromPath(path, options); // exl-expect: EXL-W-WHISPER
    }
}
