using System.Collections.Immutable;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>Accumulates what a reader finds; builds the result whether or not the read succeeded.</summary>
internal sealed class ModelFileInfoBuilder
{
    // Bounds the dictionary however many metadata entries a file declares: the formats' own caps (100,000
    // GGUF key-value pairs) plus room for the few keys the readers derive themselves.
    internal const int MaxMetadataEntries = 100_100;

    private readonly SortedSet<string> _dataTypes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private long _parameters;
    private bool _parametersOverflowed;

    public ModelFileInfoBuilder(ModelFileKind kind) => Kind = kind;

    public ModelFileKind Kind { get; set; }

    public long TensorCount { get; private set; }

    /// <summary>Set by a reader once its whole tensor list is read; until then counts are not reported.</summary>
    public bool TensorsComplete { get; set; }

    public string? Problem { get; set; }

    public void AddTensor(string dataType, ElementCount elements, long offset)
    {
        TensorCount++;
        _dataTypes.Add(dataType);
        if (_parametersOverflowed)
        {
            return;
        }

        if (elements.Overflowed)
        {
            throw new ModelFileFormatException(HeaderInput.Invariant($"the element count of the tensor at offset {offset} overflows a 64-bit integer"));
        }

        try
        {
            _parameters = checked(_parameters + elements.Value);
        }
        catch (OverflowException)
        {
            // The tensor list is still worth finishing; only the total is lost.
            _parametersOverflowed = true;
        }
    }

    /// <summary>Adds a metadata entry; the first value for a key wins.</summary>
    public bool TryAddMetadata(string key, string value)
    {
        if (_metadata.Count >= MaxMetadataEntries)
        {
            throw new ModelFileFormatException(HeaderInput.Invariant($"more than {MaxMetadataEntries} metadata entries"));
        }

        key = HeaderInput.CapText(key);
        if (_metadata.ContainsKey(key))
        {
            return false;
        }

        _metadata.Add(key, HeaderInput.CapText(value));
        return true;
    }

    public ModelFileInfo Build(long headerBytes)
    {
        var problem = Problem;
        if (problem is null && TensorsComplete && _parametersOverflowed)
        {
            problem = "the total parameter count overflows a 64-bit integer";
        }

        return new ModelFileInfo(
            Kind,
            TensorsComplete ? TensorCount : null,
            TensorsComplete && !_parametersOverflowed ? _parameters : null,
            _dataTypes.ToImmutableArray(),
            _metadata.ToImmutableSortedDictionary(StringComparer.Ordinal, StringComparer.Ordinal),
            headerBytes,
            problem);
    }
}

/// <summary>
/// The product of a tensor's dimensions, computed with checked arithmetic. A zero dimension makes the product
/// zero even if earlier dimensions already overflowed, as it would mathematically.
/// </summary>
internal struct ElementCount
{
    private long _product;
    private bool _started;
    private bool _zero;

    public bool Overflowed { get; private set; }

    /// <summary>The product; 1 for a scalar (no dimensions).</summary>
    public readonly long Value => _zero ? 0 : _started ? _product : 1;

    public void Multiply(long dimension)
    {
        if (dimension == 0)
        {
            _zero = true;
            Overflowed = false;
            return;
        }

        if (_zero)
        {
            return;
        }

        if (!_started)
        {
            _product = dimension;
            _started = true;
            return;
        }

        if (Overflowed)
        {
            return;
        }

        try
        {
            _product = checked(_product * dimension);
        }
        catch (OverflowException)
        {
            Overflowed = true;
        }
    }
}
