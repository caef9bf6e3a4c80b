using System.Reflection;
using Orleans.Inference.Models;

namespace Orleans.Inference.Tests.Grains.Models;

/// <summary>The catalog persists its own type, and nothing of a model's options is lost on the way in or out.</summary>
public sealed class RegisteredModelTests
{
    [Fact]
    public void From_ThenToOptions_KeepsEveryOption_SoANewOptionCannotBeForgotten()
    {
        var options = new ModelOptions();
        var seed = 1;
        Fill(options, ref seed);

        var back = RegisteredModel.From(options).ToOptions();

        AssertSame(options, back, nameof(ModelOptions));
    }

    [Fact]
    public void ToOptions_EachTime_ANewObject_SoNoCallerChangesTheCatalog()
    {
        var registered = RegisteredModel.From(new ModelOptions { MaxOutputTokens = 10 });

        var first = registered.ToOptions();
        first.MaxOutputTokens = 99;
        first.Batching.MaxBatchSize = 99;

        Assert.Equal(10, registered.ToOptions().MaxOutputTokens);
        Assert.NotEqual(99, registered.ToOptions().Batching.MaxBatchSize);
    }

    /// <summary>Sets every settable property to a value unlike its default and unlike the others, nested options included.</summary>
    private static void Fill(object target, ref int seed)
    {
        foreach (var property in Settable(target.GetType()))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            seed++;
            object value = type switch
            {
                _ when type == typeof(bool) => !(bool)property.GetValue(target)!,
                _ when type == typeof(int) => 1000 + seed,
                _ when type == typeof(double) => 0.5 + seed,
                _ when type == typeof(string) => $"value-{seed}",
                _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(seed),
                _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
                _ => Nested(property.GetValue(target)!, ref seed),
            };
            property.SetValue(target, value);
        }
    }

    private static object Nested(object nested, ref int seed)
    {
        Fill(nested, ref seed);
        return nested;
    }

    private static void AssertSame(object expected, object actual, string path)
    {
        foreach (var property in Settable(expected.GetType()))
        {
            var (want, got) = (property.GetValue(expected), property.GetValue(actual));
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsClass && type != typeof(string)) AssertSame(want!, got!, $"{path}.{property.Name}");
            else Assert.True(Equals(want, got), $"{path}.{property.Name}: stored {got}, configured {want}");
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite);
}
