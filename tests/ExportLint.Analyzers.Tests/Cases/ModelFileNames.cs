// Cases for paths of the model-file kinds added for issue 11 (EXL0007): Keras 3's own extension, and the formats
// without a signature that the default list finds by name.
using System.IO;

namespace Cases.ModelFileNames;

class Paths
{
    void Open()
    {
        using var keras = File.OpenRead("models/classifier.keras"); // exl-expect: EXL-F-WEIGHTS
        using var engine = File.OpenRead("build/yolo.engine"); // exl-expect: EXL-F-WEIGHTS-BY-NAME
        using var paddle = File.OpenRead("inference/ocr.pdiparams"); // exl-expect: EXL-F-WEIGHTS-BY-NAME
        using var coreml = File.OpenRead("Resources/Detector.mlmodel"); // exl-expect: EXL-F-WEIGHTS-BY-NAME
        using var ir = File.OpenRead("models/resnet.xml"); // exl-ok: EXL-F-WEIGHTS
        using var blob = File.OpenRead("models/resnet.bin"); // exl-ok: EXL-F-WEIGHTS
        using var proto = File.OpenRead("export/saved_model.pb"); // exl-ok: EXL-F-WEIGHTS
    }

    // Not a path given to a file API: a log message is not a finding.
    void Log() => System.Console.WriteLine("compiled build/yolo.engine"); // exl-ok: EXL-F-WEIGHTS-BY-NAME
}
