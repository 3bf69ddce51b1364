using Shouldly;
using Softswitch.Admin.Routing;
using Xunit;

namespace Softswitch.Admin.Tests.Routing;

public sealed class NumberPatternTests
{
    [Theory]
    [InlineData("1XXX", "1234", true)]
    [InlineData("1XXX", "123", false)]
    [InlineData("1XXX", "12345", false)]
    [InlineData("NXXNXXXXXX", "2125551234", true)]
    [InlineData("NXXNXXXXXX", "1125551234", false)]
    [InlineData("Z.", "9", false)]
    [InlineData("Z.", "90", true)]
    [InlineData("+33[1-5]X.", "+33145678901", true)]
    [InlineData("+33[1-5]X.", "+33645678901", false)]
    [InlineData("[135]00", "300", true)]
    [InlineData("[135]00", "200", false)]
    [InlineData("*9#", "*9#", true)]
    public void IsMatch_Patterns_MatchAsDocumented(string pattern, string number, bool expected)
    {
        NumberPattern.Validate(pattern).ShouldBeNull();
        NumberPattern.IsMatch(pattern, number).ShouldBe(expected);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("1.2", "'.' only at the end")]
    [InlineData("1[", "unclosed or empty set")]
    [InlineData("1[]", "unclosed or empty set")]
    [InlineData("1[a]", "'a' in a set")]
    [InlineData("1?", "'?'")]
    public void Validate_BadPatterns_SayWhatIsWrong(string pattern, string problem)
    {
        NumberPattern.Validate(pattern).ShouldNotBeNull().ShouldContain(problem);
    }

    [Fact]
    public void Validate_TooLong_Refused() => NumberPattern.Validate(new string('X', 65)).ShouldNotBeNull().ShouldContain("at most 64");
}
