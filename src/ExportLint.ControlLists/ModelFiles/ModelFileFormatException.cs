namespace ExportLint.ControlLists.ModelFiles;

/// <summary>
/// Raised inside the readers when the input is bad; <see cref="ModelFileReader.Read"/> turns it into
/// <see cref="ModelFileInfo.Problem"/>, so it never reaches a caller.
/// </summary>
internal sealed class ModelFileFormatException : Exception
{
    public ModelFileFormatException(string message)
        : base(message)
    {
    }
}
