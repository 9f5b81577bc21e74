package client

import "sort"

// DefaultRegion is the region used when none is configured: 8x8's own default
// server for the Chat Apps API.
const DefaultRegion = "asia-pacific"

// Regions maps each 8x8 Chat Apps region name to the base URL of its API. An
// account's data lives in exactly one region and its calls must go there.
var Regions = map[string]string{
	"asia-pacific":  "https://chatapps.8x8.com",
	"europe":        "https://chatapps.8x8.uk",
	"north-america": "https://chatapps.us.8x8.com",
	"indonesia":     "https://chatapps.8x8.id",
}

// RegionNames returns the valid region names in a stable order.
func RegionNames() []string {
	names := make([]string, 0, len(Regions))
	for name := range Regions {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
