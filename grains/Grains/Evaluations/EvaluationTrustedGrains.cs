namespace Hub.Grains.Evaluations;

/// <summary>What only other grains call on a cohort's evaluation: forgetting a deleted account's answers.</summary>
[Alias("hub.ICohortEvaluationTrustedGrain")]
public interface ICohortEvaluationTrustedGrain : IGrainWithGuidKey
{
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);
}

/// <summary>An evaluation notes each cohort a person answered in, on their first answer there.</summary>
[Alias("hub.IPersonEvaluationsTrustedGrain")]
public interface IPersonEvaluationsTrustedGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(Guid cohortId);
}
