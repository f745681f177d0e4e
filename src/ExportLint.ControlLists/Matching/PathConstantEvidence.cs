namespace ExportLint.ControlLists.Matching;

/// <summary>Where a path constant was written: what the call it is given to does.</summary>
public enum PathConstantUse
{
    /// <summary>A general file API (<c>File.*</c>, <c>FileStream</c> …): it opens any file, model or not.</summary>
    FileApi,

    /// <summary>An API the control list names (a model loader such as <c>torch.load</c>): the path is a model's.</summary>
    ModelApi,
}

/// <summary>
/// When a path constant matched by a kind's usual extension alone is evidence enough (EXL0007). Extensions that
/// only model formats use (<c>.gguf</c>, <c>.safetensors</c>, <c>.onnx</c>, <c>.tflite</c>, <c>.ckpt</c>) are. Weak
/// extensions, which other files share (<c>.pt</c> Portuguese resources, <c>.pth</c> Python path files, <c>.pkl</c>
/// pickled caches, <c>.h5</c>/<c>.hdf5</c> scientific data), need more: the path goes to a model-loading API, or its
/// name looks like a model's (a word such as model, weights, checkpoint, llama, bert, lora). A list's own glob is
/// the list author's explicit choice and needs nothing more.
/// </summary>
public static class PathConstantEvidence
{
    private static readonly string[] WeakExtensions = [".pt", ".pth", ".pkl", ".h5", ".hdf5"];

    // Words whose presence at the start of a name token makes a path look like a model's. Long stems match as
    // prefixes (weights, checkpoints, pretrained); short ones only alone or followed by digits (gpt2, t5, vit16).
    private static readonly string[] Stems =
    [
        "model", "weight", "checkpoint", "ckpt", "pretrain", "finetun", "llama", "lora", "adapter", "yolo", "resnet",
        "whisper", "mistral", "qwen", "gemma", "diffusion", "embedding", "encoder", "decoder", "transformer", "roberta",
        "distilbert", "statedict", "state_dict",
    ];

    private static readonly string[] ShortWords = ["gpt", "bert", "phi", "t5", "vit", "unet", "vae", "clip"];

    /// <summary>Whether <paramref name="path"/> ends with an extension that files other than models also use.</summary>
    public static bool HasWeakExtension(string path)
    {
        foreach (var extension in WeakExtensions)
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word of the path (split at anything but letters and digits) names a model.</summary>
    public static bool LooksLikeModelName(string path)
    {
        var lower = path.ToLowerInvariant();
        if (lower.IndexOf("state_dict", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var isWordChar = i < lower.Length && char.IsLetterOrDigit(lower[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                if (IsModelWord(lower.Substring(start, i - start)))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a path matched by <paramref name="pattern"/> is evidence enough where it is used (see the class
    /// remarks): always for a glob, for a kind when the extension is a strong one, the call loads models, or the
    /// name looks like a model's.
    /// </summary>
    public static bool Suffices(string path, FilePattern pattern, PathConstantUse use) =>
        pattern.Glob is not null || use == PathConstantUse.ModelApi || !HasWeakExtension(path) || LooksLikeModelName(path);

    private static bool IsModelWord(string word)
    {
        foreach (var stem in Stems)
        {
            if (word.StartsWith(stem, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var shortWord in ShortWords)
        {
            if (word.StartsWith(shortWord, StringComparison.Ordinal) && AllDigits(word, shortWord.Length))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllDigits(string word, int from)
    {
        for (var i = from; i < word.Length; i++)
        {
            if (word[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
