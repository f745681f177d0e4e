// Cases for the orchestration entries added for issue 11: more Kubernetes resources and labels, Slurm's other
// spellings, other batch schedulers, Docker GPUs and cloud GPU and accelerator types.
using System.Collections.Generic;
using Amazon.EC2;
using Azure.ResourceManager.Compute.Models;
using Docker.DotNet.Models;
using k8s.Models;

namespace Cases.Orchestration;

class Kubernetes
{
    V1ResourceRequirements Requirements(ResourceQuantity one) => new()
    {
        Limits = new Dictionary<string, ResourceQuantity>
        {
            ["gpu.intel.com/i915"] = one, // exl-expect: EXL-C-K8S-GPU
            ["habana.ai/gaudi"] = one, // exl-expect: EXL-C-K8S-GPU
            ["aws.amazon.com/neuroncore"] = one, // exl-expect: EXL-C-K8S-GPU
            ["google.com/tpu"] = one, // exl-expect: EXL-C-K8S-GPU
            ["nvidia.com/gpu.shared"] = one, // exl-expect: EXL-C-K8S-GPU
            ["huawei.com/Ascend910"] = one, // exl-expect: EAR-GP10-ASCEND-K8S
            ["ephemeral-storage"] = one, // exl-ok: EXL-C-K8S-GPU, EAR-GP10-ASCEND-K8S
        },
    };

    Dictionary<string, string> Selector() => new()
    {
        ["cloud.google.com/gke-accelerator"] = "nvidia-l4", // exl-expect: EXL-C-K8S-GPU, EXL-C-CLOUD-GPU
        ["kubernetes.io/arch"] = "amd64", // exl-ok: EXL-C-K8S-GPU
    };

    V1ExactDeviceRequest Claim() => new() { Count = 1, DeviceClassName = "gpu.nvidia.com" }; // exl-expect: EXL-C-K8S-GPU

    string Docs() => "see https://gpu.nvidia.com for drivers"; // exl-ok: EXL-C-K8S-GPU

    string Ascend() => "huawei.com/Ascend910A-memory"; // exl-expect: EAR-GP10-ASCEND-K8S

    string Vendor() => "huawei.com/support"; // exl-ok: EAR-GP10-ASCEND-K8S
}

class Schedulers
{
    string SlurmShort() => "sbatch -G 8 train.sh"; // exl-expect: EXL-C-SLURM-GPU

    string SlurmShard() => "#SBATCH --gres=shard:2"; // exl-expect: EXL-C-SLURM-GPU

    string SlurmRest() => "{\"job\": {\"tres_per_node\": \"gres/gpu:4\"}}"; // exl-expect: EXL-C-SLURM-GPU

    string SlurmCpu() => "sbatch -N 4 -n 64 simulate.sh"; // exl-ok: EXL-C-SLURM-GPU

    string Pbs() => "qsub -l select=2:ncpus=32:ngpus=4 train.pbs"; // exl-expect: EXL-C-SCHEDULER-GPU

    string Lsf() => "bsub -gpu \"num=2\" ./train"; // exl-expect: EXL-C-SCHEDULER-GPU

    string Condor() => "request_gpus = 1"; // exl-expect: EXL-C-SCHEDULER-GPU

    string Ray() => "@ray.remote(num_gpus=1)"; // exl-expect: EXL-C-SCHEDULER-GPU

    string RayCpu() => "@ray.remote(num_gpus=0)"; // exl-ok: EXL-C-SCHEDULER-GPU

    string PbsCpu() => "qsub -l select=2:ncpus=32 run.pbs"; // exl-ok: EXL-C-SCHEDULER-GPU
}

class Containers
{
    HostConfig Host(IList<DeviceRequest> gpus) => new()
    {
        DeviceRequests = gpus, // exl-expect: EXL-C-DOCKER-GPU
        Memory = 1L << 30, // exl-ok: EXL-C-DOCKER-GPU
    };

    string Run() => "docker run --rm --gpus all nvidia/cuda:12.4.1-base-ubuntu22.04 nvidia-smi"; // exl-expect: EXL-C-DOCKER-GPU

    string Image() => "nvidia/cuda:12.4.1-runtime-ubuntu22.04"; // exl-expect: EXL-C-DOCKER-GPU

    string Plain() => "docker run --rm alpine echo hi"; // exl-ok: EXL-C-DOCKER-GPU
}

class Cloud
{
    InstanceType Aws() => InstanceType.G6e12xlarge; // exl-expect: EXL-C-CLOUD-GPU

    InstanceType Inferentia() => InstanceType.Inf224xlarge; // exl-expect: EXL-C-CLOUD-GPU

    InstanceType General() => InstanceType.C5Xlarge; // exl-ok: EXL-C-CLOUD-GPU

    string SageMaker() => "ml.g5.2xlarge"; // exl-expect: EXL-C-CLOUD-GPU

    string Eks() => "AL2023_x86_64_NVIDIA"; // exl-expect: EXL-C-CLOUD-GPU

    string EksCpu() => "AL2023_x86_64_STANDARD"; // exl-ok: EXL-C-CLOUD-GPU

    VirtualMachineSizeType AzureSize() => VirtualMachineSizeType.StandardNC6SV3; // exl-expect: EXL-C-CLOUD-GPU

    string AzureNv() => "Standard_NV36ads_A10_v5"; // exl-expect: EXL-C-CLOUD-GPU

    string AzureA100() => "Standard_NC24ads_A100_v4"; // exl-expect: EAR-3A090-CLOUD-GPU

    string AzureCpu() => "Standard_E8s_v5"; // exl-ok: EXL-C-CLOUD-GPU, EAR-3A090-CLOUD-GPU

    string GcpG2() => "g2-standard-8"; // exl-expect: EXL-C-CLOUD-GPU

    string GcpA3() => "a3-highgpu-8g"; // exl-expect: EAR-3A090-CLOUD-GPU

    string GcpH100() => "nvidia-h100-80gb"; // exl-expect: EAR-3A090-CLOUD-GPU

    string GcpCpu() => "n2-standard-8"; // exl-ok: EXL-C-CLOUD-GPU, EAR-3A090-CLOUD-GPU

    TpuNode Tpu() => new() { AcceleratorType = "v5litepod-8" }; // exl-expect: EXL-C-CLOUD-GPU

    string Version() => "v4-8"; // exl-ok: EXL-C-CLOUD-GPU
}

// Google.Cloud.Tpu.V2 is not restored here; a type of the user's own with the same member name stands in for the
// place a TPU type is given (the pattern is on the member's name, not on Google's type).
class TpuNode
{
    public string AcceleratorType { get; set; } = "";
}
