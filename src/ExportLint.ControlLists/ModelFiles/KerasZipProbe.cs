using System.Text;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>
/// Decides whether a ZIP archive is a Keras 3 model (<c>.keras</c>): Keras's saving library writes
/// <c>metadata.json</c> first, then <c>config.json</c>, then the weights as <c>model.weights.h5</c> (or
/// <c>.npz</c>), all at the archive's top level (keras/src/saving/saving_lib.py, <c>_save_model_to_fileobj</c>).
/// The sniffer takes a ZIP whose first entry is <c>metadata.json</c> as a candidate; this probe confirms it by
/// finding the configuration and the weights among the entries.
/// </summary>
internal static class KerasZipProbe
{
    internal const string FirstEntry = "metadata.json";

    /// <summary>Whether the first local entry is Keras's <c>metadata.json</c>.</summary>
    public static bool FirstEntryIsMetadata(ReadOnlySpan<byte> head) =>
        PyTorchZipProbe.FirstEntryName(head) is { } name && Encoding.UTF8.GetString(name) == FirstEntry;

    /// <summary>
    /// Keeps <see cref="ModelFileKind.Keras"/> (with the weights entry's name as <c>Metadata["weights"]</c>) when the
    /// archive holds <c>config.json</c> and <c>model.weights.h5</c> or <c>.npz</c>; otherwise the file is not a
    /// recognised model and the problem says what was missing.
    /// </summary>
    public static void Read(HeaderInput input, ModelFileInfoBuilder info)
    {
        var config = false;
        string? weights = null;
        var found = PyTorchZipProbe.Search(
            input,
            name =>
            {
                var text = Encoding.UTF8.GetString(name);
                config |= text == "config.json";
                weights ??= text is "model.weights.h5" or "model.weights.npz" ? text : null;
                return config && weights is not null ? weights : null;
            },
            "config.json and model.weights.h5");
        if (found is null)
        {
            info.Kind = ModelFileKind.Unknown;
            info.Problem = "a ZIP archive that starts with metadata.json but has no config.json and model.weights.h5 (or .npz) is not a Keras model";
            return;
        }

        info.TryAddMetadata("weights", found);
    }
}
