using Amazon.EC2;
using Amazon.EC2.Model;
using k8s;
using k8s.Models;

namespace GpuCluster;

/// <summary>Schedules a training pod on GPU nodes and starts a GPU instance for evaluation.</summary>
public static class Program
{
    private const string GpuResource = "nvidia.com/" + "gpu";

    public static async Task Main()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "trainer" },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "trainer",
                        Image = "registry.example/trainer:1.0",
                        Resources = new V1ResourceRequirements
                        {
                            Limits = new Dictionary<string, ResourceQuantity> { [GpuResource] = new ResourceQuantity("8") },
                        },
                    },
                ],
            },
        };
        var config = KubernetesClientConfiguration.BuildDefaultConfig();
        using var kubernetes = new Kubernetes(config);
        await kubernetes.CoreV1.CreateNamespacedPodAsync(pod, "training");

        using var ec2 = new AmazonEC2Client();
        await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-0123456789abcdef0",
            InstanceType = InstanceType.P548xlarge,
            MinCount = 1,
            MaxCount = 1,
        });
    }
}
