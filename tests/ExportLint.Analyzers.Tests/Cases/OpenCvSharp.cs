// Cases for the OpenCV DNN entries.
using OpenCvSharp;
using OpenCvSharp.Dnn;
using OpenCvSharp.DnnSuperres;

namespace Cases.OpenCvSharp;

class Networks
{
    void Load(string model, string config, byte[] onnx, string blob, string superRes)
    {
        using var net = CvDnn.ReadNet(model, config); // exl-expect: EXL-W-OPENCV-DNN
        using var fromOnnx = CvDnn.ReadNetFromOnnx(onnx); // exl-expect: EXL-W-OPENCV-DNN
        using var viaNet = Net.ReadNetFromCaffe(config, model); // exl-expect: EXL-W-OPENCV-DNN
        using var tensor = CvDnn.ReadTorchBlob(blob); // exl-expect: EXL-W-OPENCV-DNN
        using var upscaler = new DnnSuperResImpl();
        upscaler.ReadModel(superRes); // exl-expect: EXL-W-OPENCV-DNN
        using var image = new Mat(); // exl-ok: EXL-W-OPENCV-DNN
        using var input = CvDnn.BlobFromImage(image); // exl-ok: EXL-W-OPENCV-DNN
    }

    void Place(Net net)
    {
        net.SetPreferableBackend(Backend.CUDA); // exl-expect: EXL-G-OPENCV-DNN
        net.SetPreferableTarget(Target.CUDA_FP16); // exl-expect: EXL-G-OPENCV-DNN
        net.SetPreferableTarget(Target.OPENCL); // exl-expect: EXL-G-OPENCV-DNN
        net.SetPreferableBackend(Backend.VKCOM); // exl-expect: EXL-G-OPENCV-DNN
        net.SetPreferableBackend(Backend.OPENCV); // exl-ok: EXL-G-OPENCV-DNN
        net.SetPreferableTarget(Target.CPU); // exl-ok: EXL-G-OPENCV-DNN
    }
}
