// Command terraform-provider-eightxeight serves the eightxeight provider to
// Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/fastpath"
	"github.com/eightxeight/terraform-provider-eightxeight/internal/provider"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/eightxeight/eightxeight"

// version is set with -ldflags "-X main.version=…" by GoReleaser (the tag)
// and make install (the VERSION file); -version prints it and the provider
// sends it in its User-Agent.
var version = "dev"

// readRoute "framework" (-ldflags "-X main.readRoute=framework") builds a
// binary that the framework serves alone, without internal/fastpath:
// make bench times both.
var readRoute = "fastpath"

func main() {
	var debug, showVersion bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.BoolVar(&showVersion, "version", false, "print the provider's version and exit")
	flag.Parse()
	if showVersion {
		fmt.Println("terraform-provider-eightxeight", version)
		return
	}

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	quietStandardLog()
	if err := tf6server.Serve(Address, server, opts...); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// quietStandardLog silences Go's standard logger, which nothing of the
// provider writes to but net/http does, with bytes a server sent (an
// answer on a connection before any request: "Unsolicited response
// received on idle HTTP channel starting with …"), raw, past every mask,
// into Terraform's log. The provider logs through terraform-plugin-log.
func quietStandardLog() {
	log.SetOutput(io.Discard)
	log.SetFlags(0)
}

// server is the provider's protocol server: the framework's, with the data
// sources' reads answered by internal/fastpath (see its package doc for
// why, and for the way back to providerserver.NewProtocol6 alone).
func server() tfprotov6.ProviderServer {
	p := provider.New(version, nil)
	if readRoute == "framework" {
		return providerserver.NewProtocol6(p)()
	}
	return fastpath.NewServer(p)
}
