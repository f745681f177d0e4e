// Cases for GPU jobs started as processes: Slurm, kubectl, docker and shells (issue 11, section 2).
using System.Diagnostics;

namespace Cases.Processes;

class Launch
{
    const string Gpus = "--gpus=8";

    void Start(string script)
    {
        Process.Start("sbatch", "--gres=gpu:a100:8 train.sh"); // exl-expect: EXL-C-SLURM-GPU
        Process.Start("srun", ["-G", "8", "python", "train.py"]); // exl-expect: EXL-C-SLURM-GPU
        Process.Start("/usr/bin/sbatch", $"{Gpus} {script}"); // exl-expect: EXL-C-SLURM-GPU
        Process.Start("sh", "-c \"sbatch --gpus-per-node=4 job.sh\""); // exl-expect: EXL-C-SLURM-GPU
        Process.Start("kubectl", "set resources deployment/trainer --limits=nvidia.com/gpu=1"); // exl-expect: EXL-C-K8S-GPU
        Process.Start("docker", "run --rm --gpus all nvidia/cuda:12.4.1-base-ubuntu22.04 nvidia-smi"); // exl-expect: EXL-C-DOCKER-GPU
        Process.Start("bash", "-c 'docker run --gpus=\"device=0\" trainer'"); // exl-expect: EXL-C-DOCKER-GPU

        Process.Start("ls"); // exl-ok: EXL-C-SLURM-GPU
        Process.Start("sbatch", "--ntasks=64 simulate.sh"); // exl-ok: EXL-C-SLURM-GPU
        Process.Start("docker", "run --rm alpine echo gpus"); // exl-ok: EXL-C-DOCKER-GPU
        Process.Start("kubectl", "get pods"); // exl-ok: EXL-C-K8S-GPU
        Process.Start("sh", "-c \"echo building for cuda\""); // exl-ok: EXL-C-SLURM-GPU
    }

    void StartInfo(string script)
    {
        var info = new ProcessStartInfo { FileName = "sbatch", Arguments = "--gpus=4 " + script }; // exl-expect: EXL-C-SLURM-GPU
        Process.Start(info);

        // exl-expect: EXL-C-SLURM-GPU
        var built = new ProcessStartInfo("srun");
        built.ArgumentList.Add("--gres=gpu:2");
        built.ArgumentList.Add("python");
        Process.Start(built);

        // exl-expect: EXL-C-DOCKER-GPU
        var docker = new ProcessStartInfo
        {
            FileName = "docker",
            ArgumentList = { "run", "--gpus", "all", "trainer" },
        };
        Process.Start(docker);

        var later = new ProcessStartInfo(); // exl-expect: EXL-C-SLURM-GPU
        later.FileName = "sbatch";
        later.Arguments = "-G 8 job.sh";
        Process.Start(later);

        var quiet = new ProcessStartInfo("sbatch", "--ntasks=4 job.sh"); // exl-ok: EXL-C-SLURM-GPU
        Process.Start(quiet);
    }
}
