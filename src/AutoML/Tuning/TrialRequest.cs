// One trial the tuner asks for: which configuration (family + parameters) at which rung.
namespace MlNetAttention.AutoML;

/// <summary>A configuration to run at a budget.</summary>
internal sealed record TrialRequest(int ConfigurationId, ITrialPipelineFactory Family, ParameterSet Parameters, TrialBudget Budget)
{
    public int Rung => Budget.Rung;
}
