using System.Net;

namespace Actors.Silo.Tests;

/// <summary>The NFT routes through the real host: operator mints and revenue, transfers only by owner, approved address or operator.</summary>
public sealed class NftRouteTests : RouteTestBase
{
    private const string Metadata = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static string Alice => Api.Alice.Address.ToString();

    private static string Bob => Api.Bob.Address.ToString();

    private static string Carol => Api.Carol.Address.ToString();

    [Fact]
    public async Task Revenue_splits_over_the_tokens_and_a_transfer_settles_the_previous_owner_at_that_moment()
    {
        await CollectionWithTokensAsync("c", Alice, Alice);
        var alice = await Api.SignInAsync(Api.Alice);

        var revenue = await Api.PostAsync("/api/collections/c/revenue", new { amount = "1000000000000000000" }, asOperator: true);
        var before = await Api.GetAsync("/api/collections/c/tokens/1");
        var moved = await Api.PostAsync("/api/collections/c/tokens/1/transfer", new { to = Bob }, alice);
        await Api.PostAsync("/api/collections/c/revenue", new { amount = "2000000000000000000" }, asOperator: true);
        var aliceClaim = await Api.PostAsync($"/api/wallets/{Alice}/dividends/claim", new { collectionId = "c" }, alice);
        var bob = await Api.SignInAsync(Api.Bob);
        var bobClaim = await Api.PostAsync($"/api/wallets/{Bob}/dividends/claim", new { collectionId = "c" }, bob);

        Assert.Equal("2", revenue["supply"]);
        Assert.Equal(("500000000000000000", Alice, Metadata), (before["pendingDividend"], before["owner"], before["metadataHash"]));
        Assert.Equal((Bob, "2"), (moved["owner"], moved["sequence"]));
        Assert.Equal("2000000000000000000", aliceClaim["amount"]); // 0.5 on token 1 before the transfer, 0.5 + 1 on token 2
        Assert.Equal("1000000000000000000", bobClaim["amount"]); // half of the second deposit, on token 1
    }

    [Fact]
    public async Task A_stranger_cannot_transfer_or_approve_and_the_approved_address_and_an_operator_can()
    {
        await CollectionWithTokensAsync("c", Alice, Alice);
        var alice = await Api.SignInAsync(Api.Alice);
        var bob = await Api.SignInAsync(Api.Bob);
        var carol = await Api.SignInAsync(Api.Carol);

        var strangerTransfer = await Api.PostAsync("/api/collections/c/tokens/1/transfer", new { to = Bob }, bob);
        var strangerApprove = await Api.PostAsync("/api/collections/c/tokens/1/approve", new { approved = Bob }, bob);
        var unchanged = await Api.GetAsync("/api/collections/c/tokens/1");
        var approved = await Api.PostAsync("/api/collections/c/tokens/1/approve", new { approved = Carol }, alice);
        var byApproved = await Api.PostAsync("/api/collections/c/tokens/1/transfer", new { to = Carol }, carol);
        await Api.PutAsync($"/api/wallets/{Alice}/operators", new { collectionId = "c", @operator = Bob, approved = true }, alice);
        var byOperator = await Api.PostAsync("/api/collections/c/tokens/2/transfer", new { to = Bob }, bob);
        var noSession = await Api.PostAsync("/api/collections/c/tokens/2/transfer", new { to = Carol });

        Assert.Equal((HttpStatusCode.Forbidden, "not_authorized"), (strangerTransfer.Status, strangerTransfer.Code));
        Assert.Equal((HttpStatusCode.Forbidden, "not_authorized"), (strangerApprove.Status, strangerApprove.Code));
        Assert.Equal((Alice, null, "1"), (unchanged["owner"], unchanged["approved"], unchanged["sequence"]));
        Assert.Equal(Carol, approved["approved"]);
        Assert.Equal((Carol, null), (byApproved["owner"], byApproved["approved"])); // a transfer clears the approval
        Assert.Equal(Bob, byOperator["owner"]);
        Assert.Equal((HttpStatusCode.Unauthorized, "session_required"), (noSession.Status, noSession.Code));
    }

    [Fact]
    public async Task Operator_routes_need_the_key_and_unknown_collections_and_tokens_are_404()
    {
        var collection = await Api.PutAsync("/api/collections/c", new { name = "Genesis" });
        var mint = await Api.PostAsync("/api/collections/c/tokens", new { tokenId = "1", owner = Alice, metadataHash = Metadata });
        var mintNowhere = await Api.PostAsync("/api/collections/none/tokens", new { tokenId = "1", owner = Alice, metadataHash = Metadata }, asOperator: true);
        var noCollection = await Api.GetAsync("/api/collections/none");
        var noToken = await Api.GetAsync("/api/collections/none/tokens/1");

        Assert.Equal((HttpStatusCode.Unauthorized, "operator_key_required"), (collection.Status, collection.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "operator_key_required"), (mint.Status, mint.Code));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (mintNowhere.Status, mintNowhere.Code));
        Assert.Equal(HttpStatusCode.NotFound, noCollection.Status);
        Assert.Equal(HttpStatusCode.NotFound, noToken.Status);
    }

    [Fact]
    public async Task A_mint_repeated_with_its_Idempotency_Key_mints_once()
    {
        await CollectionWithTokensAsync("c");

        var first = await Api.PostAsync("/api/collections/c/tokens", new { tokenId = "7", owner = Alice, metadataHash = Metadata }, asOperator: true, idempotencyKey: "mint-7");
        var repeat = await Api.PostAsync("/api/collections/c/tokens", new { tokenId = "7", owner = Alice, metadataHash = Metadata }, asOperator: true, idempotencyKey: "mint-7");
        var collection = await Api.GetAsync("/api/collections/c");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body.ToString(), repeat.Body.ToString());
        Assert.Equal("1", collection["supply"]);
    }

    private async Task CollectionWithTokensAsync(string collectionId, params string[] owners)
    {
        var created = await Api.PutAsync($"/api/collections/{collectionId}", new { name = "Genesis" }, asOperator: true);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        for (var i = 0; i < owners.Length; i++)
        {
            var minted = await Api.PostAsync($"/api/collections/{collectionId}/tokens", new { tokenId = $"{i + 1}", owner = owners[i], metadataHash = Metadata }, asOperator: true);
            Assert.Equal(HttpStatusCode.OK, minted.Status);
        }
    }
}
