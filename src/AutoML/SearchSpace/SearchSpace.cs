// The hyper-parameters of one trainer family, in a fixed order. Sampling walks them in that order
// with one seeded Random, so the same seed draws the same configurations.
namespace MlNetAttention.AutoML;

/// <summary>An ordered set of <see cref="HyperParameter"/>s; draws whole <see cref="ParameterSet"/>s.</summary>
public sealed class SearchSpace
{
    private readonly HyperParameter[] _parameters;

    public SearchSpace(params HyperParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Hyper-parameter '{duplicate.Key}' appears twice in the space.", nameof(parameters));
        _parameters = (HyperParameter[])parameters.Clone();
    }

    public IReadOnlyList<HyperParameter> Parameters => _parameters;

    /// <summary>One configuration, each value drawn in declaration order from <paramref name="random"/>.</summary>
    public ParameterSet Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new ParameterSet(_parameters.Select(p => new KeyValuePair<string, object>(p.Name, p.Sample(random))));
    }

    /// <summary>Throws an ArgumentException naming the first value that is missing or out of range.</summary>
    public void Validate(ParameterSet parameters, string parameterName = "parameters")
    {
        ArgumentNullException.ThrowIfNull(parameters, parameterName);
        foreach (var parameter in _parameters)
        {
            if (!parameters.Contains(parameter.Name))
                throw new ArgumentException($"Missing hyper-parameter '{parameter.Name}' ({parameter.Describe()}).", parameterName);
            var value = parameters.Get(parameter.Name);
            if (!parameter.Contains(value))
                throw new ArgumentException(
                    $"Hyper-parameter '{parameter.Name}' = {ParameterSet.Format(value)} is outside its range ({parameter.Describe()}).",
                    parameterName);
        }
    }
}
