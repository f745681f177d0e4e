// Cases for the cluster-orchestration entries: Kubernetes GPU resources, Slurm, MPI and cloud GPU instance types.
using System.Collections.Generic;
using Amazon.EC2;
using Amazon.EC2.Model;
using k8s.Models;

namespace Cases.Cluster;

static class Resources
{
    public const string Gpu = "nvidia.com/gpu"; // exl-expect: EXL-C-K8S-GPU
}

class Kubernetes
{
    V1ResourceRequirements Requirements(ResourceQuantity one) => new()
    {
        Limits = new Dictionary<string, ResourceQuantity>
        {
            ["amd.com/gpu"] = one, // exl-expect: EXL-C-K8S-GPU
            // The constant is reported where it is declared, and where it is used as a resource:
            [Resources.Gpu] = one, // exl-expect: EXL-C-K8S-GPU
            ["cpu"] = one, // exl-ok: EXL-C-K8S-GPU
        },
        Requests = new Dictionary<string, ResourceQuantity>
        {
            { "nvidia.com/" + "mig-1g.10gb", one }, // exl-expect: EXL-C-K8S-GPU
            { "memory", one }, // exl-ok: EXL-C-K8S-GPU
        },
    };

    void Log() => System.Console.WriteLine("pods request nvidia.com/gpu through limits"); // exl-ok: EXL-C-K8S-GPU
}

class Slurm
{
    string Script() => "#SBATCH --gres=gpu:a100:8"; // exl-expect: EXL-C-SLURM-GPU

    string Command() => "srun --nodes=4 --gpus-per-node=8 python train.py"; // exl-expect: EXL-C-SLURM-GPU

    string Cpu() => "srun --nodes=4 --ntasks=64 ./simulate"; // exl-ok: EXL-C-SLURM-GPU
}

class Mpi
{
    void Run(string[] args)
    {
        using var environment = new MPI.Environment(ref args); // exl-expect: EXL-C-MPI
        var rank = MPI.Communicator.world.Rank; // exl-expect: EXL-C-MPI
        var running = MPI.Environment.Initialized; // exl-ok: EXL-C-MPI
    }
}

class Cloud
{
    RunInstancesRequest Request() => new()
    {
        InstanceType = InstanceType.P548xlarge, // exl-expect: EAR-3A090-CLOUD-GPU
        ImageId = "ami-0abcdef",
    };

    InstanceType Trainium() => InstanceType.Trn132xlarge; // exl-expect: EAR-3A090-CLOUD-GPU

    InstanceType General() => InstanceType.M5Xlarge; // exl-ok: EAR-3A090-CLOUD-GPU

    string SageMaker() => "ml.p4d.24xlarge"; // exl-expect: EAR-3A090-CLOUD-GPU

    string Azure() => "Standard_ND96asr_v4"; // exl-expect: EAR-3A090-CLOUD-GPU

    string Small() => "Standard_D4s_v5"; // exl-ok: EAR-3A090-CLOUD-GPU
}
