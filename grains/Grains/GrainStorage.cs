namespace Hub.Grains;

/// <summary>
/// The grain storage provider every grain persists through. Its rows are keyed by grain key and state
/// name, not by grain class, so each grain class declares a state name no other class uses.
/// </summary>
public static class GrainStorage
{
    public const string Name = "hub";
}
